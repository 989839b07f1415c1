/**
 * The set of row keys validate's duplicate check looks rows up in, exact and compact: each part of a key is
 * interned to a small integer id (a map per part, as big as its distinct values: partners, codes), and a key
 * is four 32-bit ids (year and month, reporter/flow/source/basis, partner, code or category) in typed-array
 * open addressing, with the line and file of its first row. No string per row; no hash stands for a key,
 * so two keys are the same only when every part is (a 64-bit hash let crafted keys collide).
 */
export class ExactKeys {
  private readonly strings = [
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
  ];
  private readonly periods = new Map<number | string, number>();
  /** reporter, flow, source and basis ids, nested, to one id. */
  private readonly contexts = new Map<number, Map<number, Map<number, Map<number, number>>>>();
  private contextCount = 0;
  // The last value of each part and its id: most rows repeat the reporter, source and basis of the row before
  // (the field cache hands the same string object, so the check is a pointer compare).
  private readonly lastString: Array<string | undefined> = [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  private readonly lastId = new Int32Array(6);
  private lastYear = Number.NaN;
  private lastMonth = Number.NaN;
  private lastPeriod = 0;
  private readonly lastContext = new Int32Array(5);
  private words: Int32Array[];
  private lines: Int32Array;
  private fileOf: Uint16Array;
  private capacity: number;
  private size = 0;
  /** The key looked up last (its four ids: period, context, partner, code or category), for `add`. */
  readonly lastKey = new Int32Array(4);

  constructor(capacity = 1 << 12) {
    this.capacity = Math.max(16, 2 ** Math.ceil(Math.log2(capacity)));
    this.words = [0, 1, 2, 3].map(() => new Int32Array(this.capacity));
    this.lines = new Int32Array(this.capacity);
    this.fileOf = new Uint16Array(this.capacity);
  }

  /** Sets the key looked up; returns the slot of its first row, or -1 when it is new (then `add`). */
  find(
    year: number,
    month: number,
    reporter: string,
    flow: string,
    source: string,
    basis: string,
    partner: string,
    what: string,
  ): number {
    const k = this.lastKey;
    // ids start at 1: a slot whose first word is 0 is empty.
    k[0] = this.period(year, month);
    k[1] = this.context(this.id(0, reporter), this.id(1, flow), this.id(2, source), this.id(3, basis));
    k[2] = this.id(4, partner);
    k[3] = this.id(5, what);
    return this.slotOf(k, this.words, this.capacity);
  }

  /** Stores the key of the last `find` that gave -1, with its first row's line and file. */
  add(line: number, file: number): void {
    if ((this.size + 1) * 4 > this.capacity * 3) this.grow();
    const slot = -2 - this.slotOf(this.lastKey, this.words, this.capacity, true);
    for (let w = 0; w < 4; w++) (this.words[w] as Int32Array)[slot] = this.lastKey[w] as number;
    this.lines[slot] = line;
    this.fileOf[slot] = Math.min(file, 0xffff);
    this.size++;
  }

  line(slot: number): number {
    return this.lines[slot] as number;
  }
  file(slot: number): number {
    return this.fileOf[slot] as number;
  }

  /** The slot holding `k`, or -1 (`empty`: -2 - the empty slot where it would go). */
  private slotOf(k: Int32Array, words: Int32Array[], cap: number, empty = false): number {
    const [w0, w1, w2, w3] = words as [Int32Array, Int32Array, Int32Array, Int32Array];
    const a = k[0] as number;
    const b = k[1] as number;
    const c = k[2] as number;
    const d = k[3] as number;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f), 0x165667b1);
    h ^= h >>> 13;
    const mask = cap - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const x = w0[slot] as number;
      if (x === 0) return empty ? -2 - slot : -1;
      if (x === a && w1[slot] === b && w2[slot] === c && w3[slot] === d) return slot;
    }
  }

  private id(part: number, s: string): number {
    if (this.lastString[part] === s) return this.lastId[part] as number;
    const map = this.strings[part] as Map<string, number>;
    let id = map.get(s);
    if (id === undefined) {
      id = map.size + 1;
      map.set(s, id);
    }
    this.lastString[part] = s;
    this.lastId[part] = id;
    return id;
  }

  private period(year: number, month: number): number {
    if (year === this.lastYear && month === this.lastMonth) return this.lastPeriod;
    // An exact number when both are small integers, else a string: never two periods under one key.
    const key =
      Number.isInteger(year) && Number.isInteger(month) && month >= 0 && month < 100 && Math.abs(year) < 1e12
        ? year * 100 + month
        : `${year}|${month}`;
    let id = this.periods.get(key);
    if (id === undefined) {
      id = this.periods.size + 1;
      this.periods.set(key, id);
    }
    this.lastYear = year;
    this.lastMonth = month;
    this.lastPeriod = id;
    return id;
  }

  private context(r: number, f: number, s: number, b: number): number {
    const last = this.lastContext;
    if (last[0] === r && last[1] === f && last[2] === s && last[3] === b) return last[4] as number;
    let byFlow = this.contexts.get(r);
    if (!byFlow) {
      byFlow = new Map();
      this.contexts.set(r, byFlow);
    }
    let bySource = byFlow.get(f);
    if (!bySource) {
      bySource = new Map();
      byFlow.set(f, bySource);
    }
    let byBasis = bySource.get(s);
    if (!byBasis) {
      byBasis = new Map();
      bySource.set(s, byBasis);
    }
    let id = byBasis.get(b);
    if (id === undefined) {
      id = ++this.contextCount;
      byBasis.set(b, id);
    }
    last[0] = r;
    last[1] = f;
    last[2] = s;
    last[3] = b;
    last[4] = id;
    return id;
  }

  private grow(): void {
    const { words, lines, fileOf, capacity } = this;
    const cap = capacity * 2;
    this.words = [0, 1, 2, 3].map(() => new Int32Array(cap));
    this.lines = new Int32Array(cap);
    this.fileOf = new Uint16Array(cap);
    this.capacity = cap;
    const k = new Int32Array(4);
    for (let i = 0; i < capacity; i++) {
      if ((words[0] as Int32Array)[i] === 0) continue;
      for (let w = 0; w < 4; w++) k[w] = (words[w] as Int32Array)[i] as number;
      const slot = -2 - this.slotOf(k, this.words, cap, true);
      for (let w = 0; w < 4; w++) (this.words[w] as Int32Array)[slot] = k[w] as number;
      this.lines[slot] = lines[i] as number;
      this.fileOf[slot] = fileOf[i] as number;
    }
  }
}
