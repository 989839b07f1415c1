/**
 * Read access to one record's cells, the same for both parsers: csv-parse's string arrays and the byte
 * scanner's byte ranges. Row interpretation is written once against this, so both paths give the same rows.
 */
export interface FieldReader {
  readonly count: number;
  /** The line the record starts on. */
  readonly line: number;
  /** Cell i as text. */
  text(i: number): string;
  /** Cell i through a cache of values per distinct cell text (the scanner looks it up without making a string). */
  cached<T>(i: number, cache: FieldCache<T>): T;
  /** Whether every cell is empty or only spaces and tabs. */
  isBlank(): boolean;
  /** Cell i as a whole number when it is 1 to 15 ASCII digits and nothing else; -1 otherwise. */
  digits(i: number): number;
  /** The number its first two characters make when both are ASCII digits (0 to 99); -1 otherwise. */
  lead2(i: number): number;
  /** Whether cell i has an even number of bytes (an HS code that has not lost a leading zero). */
  evenLength(i: number): boolean;
}

const MAX_ENTRIES = 1 << 18;

/**
 * A value computed once per distinct cell text: partner lookups, flows, category labels. Keyed by text for
 * csv-parse's strings and by raw bytes for the byte scanner (an open-addressing table, so a cell that
 * repeats costs a hash, not a string). Holds at most MAX_ENTRIES; past that it computes without keeping.
 */
export class FieldCache<T> {
  private readonly byText = new Map<string, T>();
  private keys: Array<Uint8Array | undefined> = new Array(256);
  private hashes = new Int32Array(256);
  private vals: T[] = new Array(256);
  private size = 0;
  private shortLo = new Int32Array(64);
  private shortHi = new Int32Array(64);
  private shortLen = new Uint8Array(64);
  private shortVals: T[] = new Array(64);
  private shortSize = 0;

  constructor(private readonly make: (text: string) => T) {}

  /** The value for a cell's text. */
  get(text: string): T {
    let v = this.byText.get(text);
    if (v === undefined && !this.byText.has(text)) {
      v = this.make(text);
      if (this.byText.size < MAX_ENTRIES) this.byText.set(text, v);
    }
    return v as T;
  }

  /** The value for the cell buf[s, e), which is cell i of `rec` (decoded only on a miss). */
  getBytes(buf: Uint8Array, s: number, e: number, rec: FieldReader, i: number): T {
    const n = e - s;
    if (n <= 8) {
      // Short cells (flows, years, ISO codes, HS chapters) are their own key: up to 8 bytes packed in
      // two integers, compared without a byte loop.
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < n; k++) {
        const b = buf[s + k] as number;
        if (k < 4) lo |= b << (k << 3);
        else hi |= b << ((k - 4) << 3);
      }
      const mask = this.shortLo.length - 1;
      let slot = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1) ^ n, 0x85ebca6b) >>> 15) & mask;
      for (;;) {
        const len = this.shortLen[slot] as number;
        if (len === 0) break;
        if (len === n + 1 && this.shortLo[slot] === lo && this.shortHi[slot] === hi)
          return this.shortVals[slot] as T;
        slot = (slot + 1) & mask;
      }
      const value = this.make(rec.text(i));
      if (this.shortSize < MAX_ENTRIES) this.insertShort(lo, hi, n, value);
      return value;
    }
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ (buf[k] as number), 0x01000193);
    const mask = this.keys.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === h && key.length === n) {
        let same = true;
        for (let k = 0; k < n; k++) {
          if (key[k] !== buf[s + k]) {
            same = false;
            break;
          }
        }
        if (same) return this.vals[slot] as T;
      }
    }
    const value = this.make(rec.text(i));
    if (this.size < MAX_ENTRIES) this.insert(buf.slice(s, e), h, value);
    return value;
  }

  private insertShort(lo: number, hi: number, n: number, value: T): void {
    if ((this.shortSize + 1) * 2 > this.shortLo.length) {
      const { shortLo, shortHi, shortLen, shortVals } = this;
      const size = shortLo.length * 2;
      this.shortLo = new Int32Array(size);
      this.shortHi = new Int32Array(size);
      this.shortLen = new Uint8Array(size);
      this.shortVals = new Array(size);
      this.shortSize = 0;
      for (let k = 0; k < shortLo.length; k++) {
        const len = shortLen[k] as number;
        if (len) this.insertShort(shortLo[k] as number, shortHi[k] as number, len - 1, shortVals[k] as T);
      }
    }
    const mask = this.shortLo.length - 1;
    let slot = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1) ^ n, 0x85ebca6b) >>> 15) & mask;
    while (this.shortLen[slot] !== 0) slot = (slot + 1) & mask;
    this.shortLo[slot] = lo;
    this.shortHi[slot] = hi;
    this.shortLen[slot] = n + 1; // 0 marks an empty slot
    this.shortVals[slot] = value;
    this.shortSize++;
  }

  /** Every value computed so far (for the text-keyed and byte-keyed lookups alike). */
  values(): T[] {
    const out = [...this.byText.values()];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== undefined) out.push(this.vals[i] as T);
    for (let i = 0; i < this.shortLen.length; i++)
      if (this.shortLen[i] !== 0) out.push(this.shortVals[i] as T);
    return out;
  }

  private insert(key: Uint8Array, h: number, value: T): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = h & mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.hashes[slot] = h;
    this.vals[slot] = value;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const hashes = this.hashes;
    const vals = this.vals;
    this.keys = new Array(keys.length * 2);
    this.hashes = new Int32Array(keys.length * 2);
    this.vals = new Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined) this.insert(k, hashes[i] as number, vals[i] as T);
    }
  }
}

/** A csv-parse record (cells as strings) as a FieldReader. */
export class StringRecord implements FieldReader {
  constructor(
    readonly fields: string[],
    readonly line: number,
  ) {}
  get count(): number {
    return this.fields.length;
  }
  text(i: number): string {
    return this.fields[i] ?? '';
  }
  cached<T>(i: number, cache: FieldCache<T>): T {
    return cache.get(this.fields[i] ?? '');
  }
  isBlank(): boolean {
    return this.fields.every((f) => /^[ \t]*$/.test(f));
  }
  digits(i: number): number {
    const f = this.fields[i] ?? '';
    return /^\d{1,15}$/.test(f) ? Number(f) : -1;
  }
  lead2(i: number): number {
    const f = this.fields[i] ?? '';
    return /^\d\d/.test(f) ? Number(f.slice(0, 2)) : -1;
  }
  evenLength(i: number): boolean {
    return (this.fields[i] ?? '').length % 2 === 0;
  }
}
