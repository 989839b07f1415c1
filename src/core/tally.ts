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
 * integer (below 2^53, about US$9 quadrillion), a BigInt past that. Values with cents add as floating point.
 */
export class ExactSum {
  private n = 0;
  private big = 0n;

  add(v: number): void {
    const s = this.n + v;
    if (Number.isSafeInteger(s) || !Number.isInteger(v) || !Number.isInteger(this.n)) {
      this.n = s;
      return;
    }
    this.big += BigInt(this.n) + BigInt(v);
    this.n = 0;
  }

  /** The exact total of whole-dollar values as a BigInt (fractions are truncated). */
  exact(): bigint {
    return this.big + BigInt(Math.trunc(this.n));
  }

  /** The total as a number (exact below 2^53). */
  value(): number {
    return this.big === 0n ? this.n : Number(this.exact()) + (this.n - Math.trunc(this.n));
  }
}
