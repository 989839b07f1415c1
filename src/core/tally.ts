import { toNumber, type Usd, usd } from '../model/usd.js';

/**
 * Counts per key, cheap when the same key comes many times in a row (rows of one file share a source and
 * a reporter): a run is counted in a local and written to the map only when the key changes.
 */
export class Tally<K> {
  private readonly map = new Map<K, number>();
  private last: K | undefined;
  private run = 0;

  add(key: K): void {
    if (this.run > 0 && key === this.last) {
      this.run++;
      return;
    }
    this.flush();
    this.last = key;
    this.run = 1;
  }

  /** Adds a count for a key at once (merging tallies). */
  addCount(key: K, n: number): void {
    this.flush();
    this.map.set(key, (this.map.get(key) ?? 0) + n);
  }

  /** The counts so far. */
  counts(): Map<K, number> {
    this.flush();
    return this.map;
  }

  private flush(): void {
    if (this.run === 0) return;
    this.map.set(this.last as K, (this.map.get(this.last as K) ?? 0) + this.run);
    this.run = 0;
  }
}

/** A set that skips the hashing when the value is the one added last. */
export class Distinct<T> {
  private readonly set = new Set<T>();
  private last: T | undefined;

  add(value: T): void {
    if (value === this.last && this.set.size > 0) return;
    this.set.add(value);
    this.last = value;
  }

  has(value: T): boolean {
    return this.set.has(value);
  }

  values(): Set<T> {
    return this.set;
  }
}

/**
 * A sum of US dollar values that stays exact for whole dollars: a plain number while the total is a safe
 * integer (below 2^53, about US$9 quadrillion), a BigInt past that, however large. Values with cents add
 * as floating point, which is where exactness ends.
 */
export class ExactSum {
  private big = 0n;

  /** A sum holding `n` (a double, as the columns of a SumTable hold it until it needs a BigInt). */
  constructor(private n = 0) {}

  /** Adds a value; false when a sum with cents overflows a double (the caller says where). */
  add(v: Usd): boolean {
    if (typeof v === 'bigint') {
      this.big += v;
      return this.fits();
    }
    const s = this.n + v;
    if (Number.isSafeInteger(s)) {
      this.n = s;
      return true;
    }
    if (!Number.isInteger(v) || !Number.isInteger(this.n)) {
      this.n = s;
      return this.fits();
    }
    this.big += BigInt(this.n) + BigInt(v);
    this.n = 0;
    return true;
  }

  // Whole dollars are exact however large; a sum with cents is a double, which must stay finite.
  private fits(): boolean {
    if (Number.isInteger(this.n)) return true;
    return Number.isFinite(this.big === 0n ? this.n : this.n + Number(this.big));
  }

  /** The total: exact for whole dollars (a BigInt past 2^53), a double once a value has cents. */
  total(): Usd {
    if (this.big === 0n) return this.n;
    if (Number.isInteger(this.n)) return usd(this.big + BigInt(this.n));
    return Number(this.big) + this.n;
  }

  /** The exact total of whole-dollar values as a BigInt (fractions are truncated). */
  exact(): bigint {
    return this.big + BigInt(Math.trunc(this.n));
  }

  /** The total as a double (rounded past 2^53), for ranking and shares. */
  value(): number {
    return this.big === 0n ? this.n : toNumber(this.total());
  }
}
