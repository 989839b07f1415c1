/** Past this many UTF-16 units (512 MiB) an arena takes no more: its user keeps the string itself. */
const MAX_UNITS = 1 << 28;
/** Units made into a string per call (a call takes its units as arguments). */
const CHUNK = 4096;

/**
 * Strings kept as UTF-16 units in one growing Uint16Array: no heap object each, so millions of kept names
 * (a partner per row) are nothing for the garbage collector to copy or mark. The caller keeps each
 * string's offset and length.
 */
export class TextArena {
  private units = new Uint16Array(1024);
  private used = 0;

  /** Whether a string of `n` units still fits. */
  fits(n: number): boolean {
    return this.used + n <= MAX_UNITS;
  }

  /** Keeps a string (after `fits`); its offset. */
  add(s: string): number {
    const n = s.length;
    if (this.used + n > this.units.length) {
      const bigger = new Uint16Array(Math.max(this.units.length * 2, this.used + n));
      bigger.set(this.units.subarray(0, this.used));
      this.units = bigger;
    }
    const u = this.units;
    const off = this.used;
    for (let k = 0; k < n; k++) u[off + k] = s.charCodeAt(k);
    this.used += n;
    return off;
  }

  /** Whether the string at (off, len) is `s`. */
  equals(off: number, len: number, s: string): boolean {
    if (s.length !== len) return false;
    const u = this.units;
    for (let k = 0; k < len; k++) if (u[off + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  /** The string at (off, len). */
  text(off: number, len: number): string {
    let out = '';
    for (let k = 0; k < len; k += CHUNK)
      out += String.fromCharCode.apply(
        null,
        this.units.subarray(off + k, off + Math.min(len, k + CHUNK)) as never,
      );
    return out;
  }
}
