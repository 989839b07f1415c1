import { grown } from '../model/typed-arrays.js';
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
  /** Whether cells i and j hold the same text (the same bytes, as read). */
  sameCell(i: number, j: number): boolean;
}

// Past this many distinct values a cache computes without keeping: a column of millions of distinct cells
// (a partner name per row) gains nothing from a cache, and each kept value costs memory.
const MAX_ENTRIES = 1 << 18;
// The bytes of the long keys kept, at most.
const MAX_KEY_BYTES = 1 << 24;
// A cache that has kept this many values, more than one for every two rows read, holds a column of values that do
// not repeat (an id, a name per row): it stops keeping, as keeping would only cost memory and collection.
const PROBATION = 1 << 16;
// A cache that no longer keeps: look-ups counted in windows of WINDOW; under one hit in MIN_HITS, one cell
// in SAMPLE is looked up.
const WINDOW = 256;
const MIN_HITS = 16;
const SAMPLE = 16;

/** murmur3's 32-bit finalizer: each input bit flips about half the output bits, so any bits can index. */
export function mix32(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * The slot of a cell of up to 8 bytes packed in two integers, and its length, in a table of 2^(32 - shift):
 * Fibonacci hashing, the top bits of a product, which depend on every bit of the packed cell (the per-cell
 * cost of the common path, where a full finalizer costs more than the rest of the look-up).
 */
export function shortSlot(lo: number, hi: number, n: number, shift: number): number {
  return Math.imul(lo ^ Math.imul(hi ^ (n << 24), 0x85ebca6b), 0x9e3779b1) >>> shift;
}

/** The hash of the bytes buf[s, e): FNV-1a, then mixed so that its low bits depend on every byte. */
export function bytesHash(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ (buf[k] as number), 0x01000193);
  return mix32(h ^ (e - s));
}

/**
 * A value computed once per distinct cell text: partner lookups, flows, category labels. Keyed by text for
 * csv-parse's strings and by raw bytes for the byte scanner (open-addressing tables on a mixing hash, so a
 * cell that repeats costs a hash, not a string, and millions of distinct cells cost no more each than a
 * few). Short cells are their own key; longer ones are kept in one byte arena, not an array each. Holds at
 * most MAX_ENTRIES of each kind; past that it computes without keeping.
 */
export class FieldCache<T> {
  private readonly byText = new Map<string, T>();
  // Long cells (over 8 bytes): hash, arena offset and length per slot; length 0 marks an empty slot.
  private hashes = new Int32Array(256);
  private offs = new Int32Array(256);
  private lens = new Int32Array(256);
  private vals: T[] = new Array(256);
  private size = 0;
  private arena = new Uint8Array(4096);
  private used = 0;
  // Short cells (up to 8 bytes) packed in two integers; shortLen is the length + 1, 0 for an empty slot.
  private shortLo = new Int32Array(64);
  private shortHi = new Int32Array(64);
  private shortLen = new Uint8Array(64);
  private shortVals: T[] = new Array(64);
  private shortSize = 0;
  /** 32 less the log2 of the short table's size. */
  private shortShift = 26;
  private keeping = true;
  // Once it stops keeping, a cache whose look-ups mostly miss (a column of values that do not repeat) looks
  // up only one cell in SAMPLE, to see whether the cells it kept come back; the others are computed at once.
  private lookEvery = 1;
  private tick = 0;
  private looked = 0;
  private hits = 0;

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
    if (this.lookEvery !== 1 && ++this.tick < this.lookEvery) return this.make(rec.text(i));
    const n = e - s;
    if (n <= 8) {
      // Short cells (flows, years, ISO codes, HS chapters): compared as two integers, without a byte loop.
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < n; k++) {
        const b = buf[s + k] as number;
        if (k < 4) lo |= b << (k << 3);
        else hi |= b << ((k - 4) << 3);
      }
      const mask = this.shortLo.length - 1;
      for (let slot = shortSlot(lo, hi, n, this.shortShift); ; slot = (slot + 1) & mask) {
        const len = this.shortLen[slot] as number;
        if (len === 0) break;
        if (len === n + 1 && this.shortLo[slot] === lo && this.shortHi[slot] === hi) {
          if (!this.keeping) this.sample(true);
          return this.shortVals[slot] as T;
        }
      }
      if (!this.keeping) this.sample(false);
      const value = this.make(rec.text(i));
      if (this.shortSize < MAX_ENTRIES && this.keeps(rec.line)) this.insertShort(lo, hi, n, value);
      return value;
    }
    const h = bytesHash(buf, s, e);
    const mask = this.lens.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const len = this.lens[slot] as number;
      if (len === 0) break;
      if (len === n && this.hashes[slot] === h && this.sameBytes(this.offs[slot] as number, buf, s, n)) {
        if (!this.keeping) this.sample(true);
        return this.vals[slot] as T;
      }
    }
    if (!this.keeping) this.sample(false);
    const value = this.make(rec.text(i));
    if (this.size < MAX_ENTRIES && this.used + n <= MAX_KEY_BYTES && this.keeps(rec.line))
      this.insert(buf, s, n, h, value);
    return value;
  }

  /** Every value computed so far (for the text-keyed and byte-keyed lookups alike). */
  values(): T[] {
    const out = [...this.byText.values()];
    for (let i = 0; i < this.lens.length; i++) if (this.lens[i] !== 0) out.push(this.vals[i] as T);
    for (let i = 0; i < this.shortLen.length; i++)
      if (this.shortLen[i] !== 0) out.push(this.shortVals[i] as T);
    return out;
  }

  /**
   * Counts a look-up of a cache that no longer keeps; after each WINDOW of them, looks up every cell again
   * if one in MIN_HITS hit, else one in SAMPLE (misses cost a hash and a probe each, for nothing).
   */
  private sample(hit: boolean): void {
    this.tick = 0;
    if (hit) this.hits++;
    if (++this.looked < WINDOW) return;
    this.lookEvery = this.hits * MIN_HITS >= this.looked ? 1 : SAMPLE;
    this.looked = 0;
    this.hits = 0;
  }

  /** Whether to keep a new value: not once the cache has proved to hold values that do not repeat. */
  private keeps(line: number): boolean {
    const kept = this.size + this.shortSize;
    if (this.keeping && kept >= PROBATION && kept * 2 > line) this.keeping = false;
    return this.keeping;
  }

  private sameBytes(off: number, buf: Uint8Array, s: number, n: number): boolean {
    const a = this.arena;
    for (let k = 0; k < n; k++) if (a[off + k] !== buf[s + k]) return false;
    return true;
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
      this.shortShift--;
      for (let k = 0; k < shortLo.length; k++) {
        const len = shortLen[k] as number;
        if (len) this.insertShort(shortLo[k] as number, shortHi[k] as number, len - 1, shortVals[k] as T);
      }
    }
    const mask = this.shortLo.length - 1;
    let slot = shortSlot(lo, hi, n, this.shortShift);
    while (this.shortLen[slot] !== 0) slot = (slot + 1) & mask;
    this.shortLo[slot] = lo;
    this.shortHi[slot] = hi;
    this.shortLen[slot] = n + 1;
    this.shortVals[slot] = value;
    this.shortSize++;
  }

  private insert(buf: Uint8Array, s: number, n: number, h: number, value: T): void {
    if ((this.size + 1) * 2 > this.lens.length) this.grow();
    if (this.used + n > this.arena.length)
      this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + n), this.used);
    this.arena.set(buf.subarray(s, s + n), this.used);
    this.place(h, this.used, n, value);
    this.used += n;
  }

  private place(h: number, off: number, n: number, value: T): void {
    const mask = this.lens.length - 1;
    let slot = h & mask;
    while (this.lens[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = h;
    this.offs[slot] = off;
    this.lens[slot] = n;
    this.vals[slot] = value;
    this.size++;
  }

  private grow(): void {
    const { hashes, offs, lens, vals } = this;
    const size = lens.length * 2;
    this.hashes = new Int32Array(size);
    this.offs = new Int32Array(size);
    this.lens = new Int32Array(size);
    this.vals = new Array(size);
    this.size = 0;
    for (let i = 0; i < lens.length; i++) {
      const n = lens[i] as number;
      if (n !== 0) this.place(hashes[i] as number, offs[i] as number, n, vals[i] as T);
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
  sameCell(i: number, j: number): boolean {
    return this.text(i) === this.text(j);
  }
}
