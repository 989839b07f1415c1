import { grown } from '../model/typed-arrays.js';
import { TupleIds } from './tuple-ids.js';

/**
 * The set of row keys validate's duplicate check looks rows up in, exact and compact. A key (year, month,
 * reporter, flow, source, basis, partner, code or category) is found by a hash in open addressing and
 * matches only when every part is equal: the partner and code strings are compared (by pointer when the
 * field caches handed the same string, nearly always), the year and month by the exact id of the pair, the
 * reporter, flow, source and basis by the exact id of the four (Contexts). So a repeated key costs a hash of
 * its partner and code and no map look-up. No
 * hash stands for a key: two keys are the same only when every part is (a 64-bit hash let crafted keys
 * collide). Memory grows with distinct keys only (30 to 60 bytes a key).
 */
export class ExactKeys {
  /** Per slot: the key's id (0: empty), and its hash, to pass over most other keys without comparing. */
  private slotIds: Int32Array;
  private slotHashes: Int32Array;
  private mask: number;
  private size = 0;
  /** By key id: its parts, and the line and file of its first row, and a number its user keeps (`tag`). */
  private periodOf: Int32Array;
  private contextOf: Int32Array;
  private readonly partners: string[] = [''];
  private readonly whats: string[] = [''];
  private lines: Int32Array;
  private fileOf: Uint16Array;
  private tags: Int32Array;
  private readonly contexts = new Contexts();
  /** The key of the last `find`, for `add`. */
  private pendingPartner = '';
  private pendingWhat = '';
  private pendingContext = 0;
  private pendingPeriod = 0;
  private pendingHash = 0;
  private readonly parts = new PartIds();
  /** By (year mod 64, month): the last year met there and its period id (0: none yet). */
  private readonly recentYears = new Int32Array(1024);
  private readonly recentPeriods = new Int32Array(1024);
  /** The ids of a key's period, context (reporter, flow, source, basis), partner and code, set by `idsOf`. */
  readonly lastKey = new Int32Array(4);

  constructor(capacity = 1 << 12) {
    const slots = Math.max(16, 2 ** Math.ceil(Math.log2(capacity)));
    this.slotIds = new Int32Array(slots);
    this.slotHashes = new Int32Array(slots);
    this.mask = slots - 1;
    const n = Math.max(16, capacity);
    this.periodOf = new Int32Array(n);
    this.contextOf = new Int32Array(n);
    this.lines = new Int32Array(n);
    this.fileOf = new Uint16Array(n);
    this.tags = new Int32Array(n);
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
    const c = this.contexts.id(reporter, flow, source, basis);
    const p = this.period(year, month);
    let h = Math.imul(Math.imul(c, 0x9e3779b1) ^ p, 0x01000193);
    h = textHash(textHash(h, partner), what);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 13;
    const periods = this.periodOf;
    const contexts = this.contextOf;
    const partners = this.partners;
    const whats = this.whats;
    const ids = this.slotIds;
    const hashes = this.slotHashes;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = ids[slot] as number;
      if (id === 0) break;
      if (
        hashes[slot] === h &&
        contexts[id] === c &&
        partners[id] === partner &&
        whats[id] === what &&
        periods[id] === p
      )
        return id;
    }
    this.pendingPartner = partner;
    this.pendingWhat = what;
    this.pendingContext = c;
    this.pendingPeriod = p;
    this.pendingHash = h;
    return -1;
  }

  /** Stores the key of the last `find` that gave -1, with its first row's line and file; returns its slot. */
  add(line: number, file: number): number {
    if ((this.size + 1) * 4 > (this.mask + 1) * 3) this.growSlots();
    const id = ++this.size;
    if (id >= this.lines.length) this.growKeys();
    const h = this.pendingHash;
    const mask = this.mask;
    let slot = h & mask;
    while (this.slotIds[slot] !== 0) slot = (slot + 1) & mask;
    this.slotIds[slot] = id;
    this.slotHashes[slot] = h;
    this.partners[id] = this.pendingPartner;
    this.whats[id] = this.pendingWhat;
    this.contextOf[id] = this.pendingContext;
    this.periodOf[id] = this.pendingPeriod;
    this.lines[id] = line;
    this.fileOf[id] = Math.min(file, 0xffff);
    return id;
  }

  line(slot: number): number {
    return this.lines[slot] as number;
  }
  file(slot: number): number {
    return this.fileOf[slot] as number;
  }
  /** The number kept with a key (0 until `setTag`). */
  tag(slot: number): number {
    return this.tags[slot] as number;
  }
  setTag(slot: number, value: number): void {
    this.tags[slot] = value;
  }

  /** Sets `lastKey` to the interned ids of a key's parts (exact: equal ids for equal parts, and only then). */
  idsOf(slot: number): Int32Array {
    const k = this.lastKey;
    k[0] = this.periodOf[slot] as number;
    k[1] = this.contextOf[slot] as number;
    k[2] = this.parts.text(0, this.partners[slot] as string);
    k[3] = this.parts.text(1, this.whats[slot] as string);
    return k;
  }

  /** The exact id of a year and month: a small table of the last met by year, before the map of all. */
  private period(year: number, month: number): number {
    if ((year | 0) !== year || (month | 0) !== month || month < 0 || month > 15)
      return this.parts.period(year, month);
    const i = ((year & 63) << 4) | month;
    const id = this.recentPeriods[i] as number;
    if (id !== 0 && this.recentYears[i] === year) return id;
    const known = this.parts.period(year, month);
    this.recentYears[i] = year;
    this.recentPeriods[i] = known;
    return known;
  }

  private growSlots(): void {
    const slots = (this.mask + 1) * 2;
    const ids = new Int32Array(slots);
    const hashes = new Int32Array(slots);
    const mask = slots - 1;
    for (let s = 0; s <= this.mask; s++) {
      const id = this.slotIds[s] as number;
      if (id === 0) continue;
      const h = this.slotHashes[s] as number;
      let slot = h & mask;
      while (ids[slot] !== 0) slot = (slot + 1) & mask;
      ids[slot] = id;
      hashes[slot] = h;
    }
    this.slotIds = ids;
    this.slotHashes = hashes;
    this.mask = mask;
  }

  private growKeys(): void {
    this.periodOf = grown(this.periodOf);
    this.contextOf = grown(this.contextOf);
    this.lines = grown(this.lines);
    this.fileOf = grown(this.fileOf);
    this.tags = grown(this.tags);
  }
}

/** FNV-1a over a string's UTF-16 units, then a separator: ("ab", "c") and ("a", "bc") hash apart. */
function textHash(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(x ^ 0x1f, 0x01000193);
}

/** How many recent contexts are compared by pointer before the exact map is asked. */
const RECENT = 4;

/**
 * Exact ids of (reporter, flow, source, basis): a file has a few, and its rows switch among two or four
 * (imports and exports), so the last RECENT are compared by pointer and the map of all is asked only on a
 * switch to another.
 */
class Contexts {
  private readonly all = new Map<string, number>();
  private readonly recent: string[] = new Array<string>(RECENT * 4).fill('\u0000');
  private readonly recentIds = new Int32Array(RECENT);
  private next = 0;

  id(reporter: string, flow: string, source: string, basis: string): number {
    const r = this.recent;
    for (let i = 0, o = 0; i < RECENT; i++, o += 4) {
      // The flow first: it is what tells apart the contexts a file switches among.
      if (r[o + 1] === flow && r[o] === reporter && r[o + 2] === source && r[o + 3] === basis)
        return this.recentIds[i] as number;
    }
    // An unambiguous text of the four: no two contexts share one.
    const key = JSON.stringify([reporter, flow, source, basis]);
    let id = this.all.get(key);
    if (id === undefined) {
      id = this.all.size + 1;
      this.all.set(key, id);
    }
    const o = this.next * 4;
    r[o] = reporter;
    r[o + 1] = flow;
    r[o + 2] = source;
    r[o + 3] = basis;
    this.recentIds[this.next] = id;
    this.next = (this.next + 1) % RECENT;
    return id;
  }
}

/** Interned ids of key parts, for what is grouped by them (once per key and file, not per row). */
class PartIds {
  private readonly strings = [new Map<string, number>(), new Map<string, number>()];
  /** Periods of two 32-bit integers by the tuple; any other pair by its text, under a negative id. */
  private readonly periods = new TupleIds(64);
  private readonly otherPeriods = new Map<string, number>();

  text(part: number, s: string): number {
    const map = this.strings[part] as Map<string, number>;
    let id = map.get(s);
    if (id === undefined) {
      id = map.size + 1;
      map.set(s, id);
    }
    return id;
  }

  period(year: number, month: number): number {
    if ((year | 0) === year && (month | 0) === month) return this.periods.idOf(year, month, 0, 0);
    const key = `${year}|${month}`;
    let id = this.otherPeriods.get(key);
    if (id === undefined) {
      id = -1 - this.otherPeriods.size;
      this.otherPeriods.set(key, id);
    }
    return id;
  }
}
