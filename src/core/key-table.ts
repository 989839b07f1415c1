/** The slot of a hash in a table of `cap` slots: mixed first (FNV steps over small integers cluster), then
 * mapped by a multiplication (no division), so the table can be any size. */
function slotOf(lo: number, cap: number): number {
  // One xor-shift-multiply round: the low bits' changes reach the top bits the slot is taken from.
  return Math.floor((Math.imul(lo ^ (lo >>> 15), 0x2c1b3c6d) >>> 0) * cap * 2.3283064365386963e-10);
}

/**
 * A set of row keys in a few bytes each: a 64-bit hash of the key (two 32-bit FNV-style hashes), the
 * line and file of its first row, and optionally a value. Used to find repeated rows without keeping the
 * rows: memory is about 13 bytes per distinct key (21 with values), not the size of the rows.
 */
export class KeyTable {
  private lo: Int32Array;
  private hi: Int32Array;
  private lines: Int32Array;
  private fileOf: Uint16Array;
  private values: Float64Array | undefined;
  private size = 0;
  /** The hash of the key being built (see begin/str/num). */
  private hLo = 0;
  private hHi = 0;

  constructor(
    private readonly withValues = false,
    private capacity = 1 << 12,
  ) {
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.fileOf = new Uint16Array(capacity);
    this.values = withValues ? new Float64Array(capacity) : undefined;
  }

  /** Starts a key. */
  begin(): this {
    this.hLo = 0x811c9dc5 | 0;
    this.hHi = 0x01000193;
    return this;
  }

  /** Adds a string part to the key. */
  str(s: string): this {
    let lo = this.hLo;
    let hi = this.hHi;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      lo = Math.imul(lo ^ c, 0x01000193);
      hi = Math.imul(hi ^ c, 0x5bd1e995) ^ (hi >>> 15);
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    this.hLo = Math.imul(lo ^ 0x1f, 0x01000193);
    this.hHi = Math.imul(hi ^ 0x1f, 0x5bd1e995) ^ (hi >>> 15);
    return this;
  }

  /** Adds a number part to the key. */
  num(n: number): this {
    return this.str(String(n));
  }

  /** Adds a 32-bit integer part to the key, without making a string of it. */
  int(v: number): this {
    this.hLo = Math.imul(this.hLo ^ v, 0x01000193);
    this.hHi = Math.imul(this.hHi ^ v, 0x5bd1e995) ^ (this.hHi >>> 15);
    return this;
  }

  /** The slot of the key built, or -1 when it is new (then `add` stores it). */
  find(): number {
    let lo = this.hLo;
    // 0/0 marks an empty slot.
    if (lo === 0 && this.hHi === 0) lo = 1;
    this.hLo = lo;
    const cap = this.capacity;
    for (let slot = slotOf(lo, cap); ; slot = slot + 1 === cap ? 0 : slot + 1) {
      const a = this.lo[slot] as number;
      const b = this.hi[slot] as number;
      if (a === 0 && b === 0) return -1;
      if (a === lo && b === this.hHi) return slot;
    }
  }

  /** Stores the key built (after a `find` that gave -1). */
  add(line: number, file: number, value = 0): void {
    if ((this.size + 1) * 4 > this.capacity * 3) {
      // grow() re-adds every key through hLo/hHi: keep the new key's hash across it (it was lost, and the
      // last old key stored twice in its place, so a repeat of the row that made the table grow went unseen).
      const { hLo, hHi } = this;
      this.grow();
      this.hLo = hLo;
      this.hHi = hHi;
    }
    const cap = this.capacity;
    let slot = slotOf(this.hLo, cap);
    while (this.lo[slot] !== 0 || this.hi[slot] !== 0) slot = slot + 1 === cap ? 0 : slot + 1;
    this.lo[slot] = this.hLo;
    this.hi[slot] = this.hHi;
    this.lines[slot] = line;
    this.fileOf[slot] = Math.min(file, 0xffff);
    if (this.values) this.values[slot] = value;
    this.size++;
  }

  line(slot: number): number {
    return this.lines[slot] as number;
  }
  file(slot: number): number {
    return this.fileOf[slot] as number;
  }
  value(slot: number): number {
    return this.values?.[slot] ?? 0;
  }
  /** The hash of the key built so far, to find it again later with `seek`. */
  hash(): [number, number] {
    return [this.hLo, this.hHi];
  }

  /** Sets the key to a hash taken with `hash`, for a `find`. */
  seek(lo: number, hi: number): this {
    this.hLo = lo;
    this.hHi = hi;
    return this;
  }

  /** Adds to the value of a slot. */
  addTo(slot: number, value: number): void {
    if (this.values) this.values[slot] = (this.values[slot] as number) + value;
  }

  /** Records a later row of the key: its line, file and value. */
  update(slot: number, line: number, file: number, value: number): void {
    this.lines[slot] = line;
    this.fileOf[slot] = Math.min(file, 0xffff);
    if (this.values) this.values[slot] = value;
  }

  private grow(): void {
    const { lo, hi, lines, fileOf, values } = this;
    const old = this.capacity;
    // Doubled: every key is placed again on a grow, so over n keys that is n placements in all (at 1.5,
    // 2n: on a file of millions of distinct keys, growing was a tenth of the run).
    this.capacity = old * 2 + 1;
    this.lo = new Int32Array(this.capacity);
    this.hi = new Int32Array(this.capacity);
    this.lines = new Int32Array(this.capacity);
    this.fileOf = new Uint16Array(this.capacity);
    this.values = this.withValues ? new Float64Array(this.capacity) : undefined;
    this.size = 0;
    for (let i = 0; i < old; i++) {
      if (lo[i] === 0 && hi[i] === 0) continue;
      this.hLo = lo[i] as number;
      this.hHi = hi[i] as number;
      this.add(lines[i] as number, fileOf[i] as number, values?.[i] ?? 0);
    }
  }
}
