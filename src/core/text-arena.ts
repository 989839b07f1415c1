import { grown } from '../model/typed-arrays.js';

/** Past this many units (256 MiB) an arena takes no more: its user keeps the string itself. */
const MAX_UNITS = 1 << 28;
/** Units made into a string per call (a call takes its units as arguments). */
const CHUNK = 4096;

/**
 * Strings of one-byte units (Latin-1: ASCII and the accented Latin letters) kept in one growing
 * Uint8Array: no heap object each, so millions of kept names (a partner per row) are nothing for the
 * garbage collector to copy or mark, at a byte a unit. The caller keeps each string's offset and length.
 */
export class TextArena {
  private units = new Uint8Array(4096);
  private used = 0;

  /** Keeps a string; its offset, or -1 when it has a unit past U+00FF or the arena is full (keep it as it is). */
  add(s: string): number {
    const n = s.length;
    if (this.used + n > MAX_UNITS) return -1;
    if (this.used + n > this.units.length)
      this.units = grown(this.units, Math.max(this.units.length * 2, this.used + n), this.used);
    const u = this.units;
    const off = this.used;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c > 0xff) return -1;
      u[off + k] = c;
    }
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
