import type { Partner } from '../../catalog/partners.js';
import { grown } from '../../model/typed-arrays.js';
import type { Usd } from '../../model/usd.js';
import { ExactSum } from '../tally.js';
import { TextArena } from '../text-arena.js';

/** Past this many partners the table leaves its Map for its own index (see SumTable). */
const MAP_LIMIT = 1 << 15;

/** FNV-1a over the UTF-16 units of a code. */
function hashOf(code: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  return h;
}

/** The first slot of a hash in a table of `mask + 1` slots (a power of two), its bits mixed first. */
function slotOf(h: number, mask: number): number {
  return (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0) & mask;
}

/**
 * Ints kept per item: the first key's code, reporter and source numbers (-1: no row yet), its last line and
 * file; the code's offset in the text arena (-1: the Partner is kept) and its length.
 */
const INTS = 7;
const TEXT = 5;

let tableIds = 0;

/** One sum of a table, for the readers of a bucket (made when read, not kept). */
export class SumOf {
  constructor(
    private readonly table: SumTable,
    readonly item: number,
  ) {}
  get partner(): Partner {
    return this.table.partner(this.item);
  }
  total(): Usd {
    return this.table.total(this.item);
  }
}

/**
 * Sums by partner code, in the order first met, kept in columns: an item number per partner, its sum in a
 * Float64Array (an ExactSum only for the few sums that pass 2^53), and the row key it was first met under.
 * No object per partner but the partner itself: a file that names a new partner on every row keeps
 * millions of them, and an object each (with a boxed double) made collection most of the run. A few
 * partners (the usual file) are found through a Map, whose cached string hashes are the fastest look-up;
 * past MAP_LIMIT through an open-addressed index in typed arrays (slot -> item number + 1 and the code's
 * hash, side by side), because V8's Map spends about half a microsecond an entry growing to millions of entries.
 */
export class SumTable {
  /** Tells this table's items from another's in a key table. */
  readonly id = ++tableIds;
  private map: Map<string, number> | undefined = new Map();
  // A partner the catalog does not know, named by its code, is kept as the code's text in an arena (no
  // object each: a file of millions of made-up places keeps millions); others as the Partner (null here).
  private readonly partners: Array<Partner | null> = [];
  private readonly texts = new TextArena();
  /** Per item: the sum (while exact as a double), and the last value of its first key. */
  private sums = new Float64Array(8);
  private lastValues = new Float64Array(8);
  private ints = new Int32Array(8 * INTS);
  /** The sums past 2^53 (whole dollars), by item: exact as a BigInt. */
  private big: Map<number, ExactSum> | undefined;
  /** Per slot, two ints side by side (one cache line for a probe): the item number + 1 (0: empty), its hash. */
  private index = new Int32Array(0);
  private mask = -1;

  get size(): number {
    return this.partners.length;
  }

  /** The item number of a code, or -1. */
  find(code: string): number {
    if (this.map) return this.map.get(code) ?? -1;
    return this.findHashed(code, hashOf(code));
  }

  /** The item of a partner, added (with a sum of 0) when its code is new. */
  itemOf(p: Partner): number {
    if (this.map) return this.map.get(p.code) ?? this.push(p);
    // Hashed once for the look-up and the adding.
    const h = hashOf(p.code);
    const found = this.findHashed(p.code, h);
    return found === -1 ? this.push(p, h) : found;
  }

  private findHashed(code: string, h: number): number {
    const index = this.index;
    for (let s = slotOf(h, this.mask); ; s = (s + 1) & this.mask) {
      const i = index[2 * s] as number;
      if (i === 0) return -1;
      if (index[2 * s + 1] === h && this.isCode(i - 1, code)) return i - 1;
    }
  }

  /** Adds a partner whose code is not in the table (after a `find` that gave -1); its item number. */
  push(p: Partner, h?: number): number {
    const i = this.partners.length;
    if (i === this.sums.length) this.widen();
    const at = i * INTS;
    this.ints[at] = -1;
    const off =
      p.kind === 'unknown' && p.name === p.code && p.standsFor === undefined ? this.texts.add(p.code) : -1;
    this.partners.push(off === -1 ? p : null);
    this.ints[at + TEXT] = off;
    this.ints[at + TEXT + 1] = p.code.length;
    if (this.map) {
      this.map.set(p.code, i);
      if (this.map.size > MAP_LIMIT) {
        this.map = undefined;
        this.grow(MAP_LIMIT * 4);
      }
      return i;
    }
    // Half full at most: probes stay short. A grow places the old items by their slots; the new one after.
    if (this.partners.length * 2 > this.mask + 1) this.grow((this.mask + 1) * 2);
    this.place(h ?? hashOf(p.code), i + 1);
    return i;
  }

  partner(i: number): Partner {
    const p = this.partners[i];
    if (p) return p;
    const code = this.codeAt(i);
    return { kind: 'unknown', code, name: code };
  }

  /** The code of an item's partner. */
  codeAt(i: number): string {
    const p = this.partners[i];
    return p
      ? p.code
      : this.texts.text(this.ints[i * INTS + TEXT] as number, this.ints[i * INTS + TEXT + 1] as number);
  }

  /** The kind of an item's partner (without making its object). */
  kindAt(i: number): Partner['kind'] {
    return this.partners[i]?.kind ?? 'unknown';
  }

  /** The partner of an item if one stands for another (Comtrade's 490 for Taiwan). */
  standsForAt(i: number): string | undefined {
    return this.partners[i]?.standsFor;
  }

  private isCode(i: number, code: string): boolean {
    const p = this.partners[i];
    const at = i * INTS + TEXT;
    return p
      ? p.code === code
      : this.texts.equals(this.ints[at] as number, this.ints[at + 1] as number, code);
  }

  /** Adds a value to an item's sum; false when a sum with cents overflows a double (the caller says where). */
  add(i: number, v: Usd): boolean {
    const exact = this.big?.get(i);
    if (exact) return exact.add(v);
    const n = this.sums[i] as number;
    if (typeof v === 'number') {
      const s = n + v;
      if (Number.isSafeInteger(s)) {
        this.sums[i] = s;
        return true;
      }
      // A sum with cents is a double, which must stay finite (as ExactSum keeps it).
      if (!Number.isInteger(v) || !Number.isInteger(n)) {
        this.sums[i] = s;
        return Number.isInteger(s) || Number.isFinite(s);
      }
    }
    // Whole dollars past 2^53: the sum goes on exact, as an ExactSum, from the double it holds.
    const e = new ExactSum(n);
    this.big ??= new Map();
    this.big.set(i, e);
    this.sums[i] = 0;
    return e.add(v);
  }

  /** An item's sum: exact for whole dollars (a BigInt past 2^53), a double once a value has cents. */
  total(i: number): Usd {
    if (this.big !== undefined) {
      const e = this.big.get(i);
      if (e) return e.total();
    }
    return this.sums[i] as number;
  }

  /** The exact sum of every item's sum. */
  sumAll(): Usd {
    const s = new ExactSum();
    for (let i = 0; i < this.partners.length; i++) s.add(this.total(i));
    return s.total();
  }

  /** Every item's sum, in item order: a copy of the column while no sum is past 2^53. */
  totals(): Usd[] | Float64Array {
    if (this.big === undefined) return this.sums.slice(0, this.partners.length);
    const out: Usd[] = new Array(this.partners.length);
    for (let i = 0; i < out.length; i++) out[i] = this.total(i);
    return out;
  }

  /** The item's first key: its code, reporter and source numbers, or a code of -1 before its first row. */
  firstCode(i: number): number {
    return this.ints[i * INTS] as number;
  }
  /** Whether the item's first key is (code, reporter, source). */
  isFirstKey(i: number, code: number, reporter: number, source: number): boolean {
    const at = i * INTS;
    const ints = this.ints;
    return ints[at] === code && ints[at + 1] === reporter && ints[at + 2] === source;
  }
  /** Sets the item's first key and its row (on the item's first row). */
  setFirstKey(i: number, code: number, reporter: number, source: number): void {
    const at = i * INTS;
    this.ints[at] = code;
    this.ints[at + 1] = reporter;
    this.ints[at + 2] = source;
  }
  /** Records the last row of the item's first key. */
  setLast(i: number, line: number, file: number, value: number): void {
    this.ints[i * INTS + 3] = line;
    this.ints[i * INTS + 4] = file;
    this.lastValues[i] = value;
  }
  lastLine(i: number): number {
    return this.ints[i * INTS + 3] as number;
  }
  lastFile(i: number): number {
    return this.ints[i * INTS + 4] as number;
  }
  lastValue(i: number): number {
    return this.lastValues[i] as number;
  }

  /** The sum of a code, as read by the result (undefined when the code is not in the table). */
  get(code: string): SumOf | undefined {
    const i = this.find(code);
    return i === -1 ? undefined : new SumOf(this, i);
  }

  has(code: string): boolean {
    return this.find(code) !== -1;
  }

  /** The sum of an item, as read by the result. */
  item(i: number): SumOf {
    return new SumOf(this, i);
  }

  /** The item numbers, in the order first met. */
  *items(): IterableIterator<number> {
    for (let i = 0; i < this.partners.length; i++) yield i;
  }

  /** The sums, in the order first met (one small object each as they are read). */
  *values(): IterableIterator<SumOf> {
    for (let i = 0; i < this.partners.length; i++) yield new SumOf(this, i);
  }

  /** The codes, in the order first met. */
  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.partners.length; i++) yield this.codeAt(i);
  }

  private widen(): void {
    this.sums = grown(this.sums);
    this.lastValues = grown(this.lastValues);
    this.ints = grown(this.ints);
  }

  private place(h: number, n: number): void {
    const index = this.index;
    let s = slotOf(h, this.mask);
    while (index[2 * s] !== 0) s = (s + 1) & this.mask;
    index[2 * s] = n;
    index[2 * s + 1] = h;
  }

  // The items are placed again by their kept hashes (the first time, from the codes).
  private grow(cap: number): void {
    const old = this.index;
    this.index = new Int32Array(2 * cap);
    this.mask = cap - 1;
    if (old.length === 0) {
      for (let i = 0; i < this.partners.length; i++) this.place(hashOf(this.codeAt(i)), i + 1);
      return;
    }
    for (let s = 0; s < old.length; s += 2)
      if (old[s] !== 0) this.place(old[s + 1] as number, old[s] as number);
  }
}
