import type { Partner } from '../../catalog/partners.js';

/** What a table keeps: an item that knows its partner (a partner's sum). */
interface Keyed {
  readonly partner: Partner;
}

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
 * Items by partner code, in the order first met: the part of a Map that a bucket's partners need (get,
 * has, size, values, keys). A few partners (the usual file) live in a Map, whose cached string hashes are
 * the fastest look-up; past MAP_LIMIT they move to an open-addressed index in typed arrays (slot -> item
 * number and hash), because V8's Map spends about half a microsecond an entry growing to millions of
 * entries (measured: 1.8 million codes, 1.2 s into a Map), most of a share's time on a file that names a
 * new partner on every row.
 */
export class SumTable<T extends Keyed> {
  private map: Map<string, T> | undefined = new Map();
  private readonly items: T[] = [];
  /** Item number + 1 by slot, 0 for an empty slot; with the code's hash, to skip most string compares. */
  private slots = new Int32Array(0);
  private hashes = new Int32Array(0);
  private mask = -1;

  get size(): number {
    return this.items.length;
  }

  /** The item of a code. */
  get(code: string): T | undefined {
    if (this.map) return this.map.get(code);
    const h = hashOf(code);
    for (let s = slotOf(h, this.mask); ; s = (s + 1) & this.mask) {
      const i = this.slots[s] as number;
      if (i === 0) return undefined;
      if (this.hashes[s] === h) {
        const item = this.items[i - 1] as T;
        if (item.partner.code === code) return item;
      }
    }
  }

  has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  /** Adds the item of a code not in the table (after a `get` that gave undefined). */
  add(item: T): void {
    this.items.push(item);
    if (this.map) {
      this.map.set(item.partner.code, item);
      if (this.map.size > MAP_LIMIT) {
        this.map = undefined;
        this.grow(MAP_LIMIT * 4);
      }
      return;
    }
    // Half full at most: probes stay short. A grow places the old items by their slots; the new one after.
    if (this.items.length * 2 > this.mask + 1) this.grow((this.mask + 1) * 2);
    this.place(hashOf(item.partner.code), this.items.length);
  }

  /** The items, in the order first met. */
  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** The codes, in the order first met. */
  *keys(): IterableIterator<string> {
    for (const item of this.items) yield item.partner.code;
  }

  private place(h: number, n: number): void {
    let s = slotOf(h, this.mask);
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = n;
    this.hashes[s] = h;
  }

  // The items are placed again by their kept hashes (the first time, from the Map's codes).
  private grow(cap: number): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    if (slots.length === 0) {
      for (let i = 0; i < this.items.length; i++)
        this.place(hashOf((this.items[i] as T).partner.code), i + 1);
      return;
    }
    for (let s = 0; s < slots.length; s++)
      if (slots[s] !== 0) this.place(hashes[s] as number, slots[s] as number);
  }
}
