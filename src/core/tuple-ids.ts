/**
 * Tuples of four 32-bit integers, each given a dense id (1, 2, 3, ...) the first time it is seen: the
 * exact interning under validate's duplicate check and its groups. The tuple is stored in its slot with
 * its id (five words a slot, so a look-up reads one stretch of memory, not one array per word), and a
 * tuple matches only when all four words are equal: no hash stands for a tuple.
 */
export class TupleIds {
  /** Per slot: the four words, then the id (0: an empty slot). */
  private table: Int32Array;
  private mask: number;
  private count = 0;
  /** The empty slot the last `find` that missed stopped at, and its tuple, for `add`. */
  private pending = -1;
  private readonly at = new Int32Array(4);

  constructor(capacity = 1 << 10) {
    const slots = Math.max(16, 2 ** Math.ceil(Math.log2(capacity)));
    this.table = new Int32Array(slots * 5);
    this.mask = slots - 1;
  }

  /** How many tuples have an id. */
  get size(): number {
    return this.count;
  }

  /** The id of the tuple, or 0 when it has none yet (then `add` gives it one). */
  find(a: number, b: number, c: number, d: number): number {
    const t = this.table;
    const mask = this.mask;
    for (let slot = slotOf(a, b, c, d) & mask; ; slot = (slot + 1) & mask) {
      const o = slot * 5;
      const id = t[o + 4] as number;
      if (id === 0) {
        this.pending = slot;
        const at = this.at;
        at[0] = a;
        at[1] = b;
        at[2] = c;
        at[3] = d;
        return 0;
      }
      if (t[o] === a && t[o + 1] === b && t[o + 2] === c && t[o + 3] === d) return id;
    }
  }

  /** Gives the tuple of the last `find` that gave 0 its id (the next one), and returns it. */
  add(): number {
    const at = this.at;
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) {
      this.grow();
      this.find(at[0] as number, at[1] as number, at[2] as number, at[3] as number);
    }
    const id = ++this.count;
    const o = this.pending * 5;
    const t = this.table;
    t[o] = at[0] as number;
    t[o + 1] = at[1] as number;
    t[o + 2] = at[2] as number;
    t[o + 3] = at[3] as number;
    t[o + 4] = id;
    this.pending = -1;
    return id;
  }

  /** The id of the tuple, given one when it is new. */
  idOf(a: number, b: number, c: number, d: number): number {
    const id = this.find(a, b, c, d);
    return id === 0 ? this.add() : id;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const t = new Int32Array(slots * 5);
    const mask = slots - 1;
    for (let o = 0; o < old.length; o += 5) {
      if (old[o + 4] === 0) continue;
      let slot = slotOf(old[o] as number, old[o + 1] as number, old[o + 2] as number, old[o + 3] as number);
      for (slot &= mask; t[slot * 5 + 4] !== 0; slot = (slot + 1) & mask);
      t.set(old.subarray(o, o + 5), slot * 5);
    }
    this.table = t;
    this.mask = mask;
  }
}

/** A slot hash of four words: each word multiplied by its own odd constant, then mixed. */
function slotOf(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f), 0x165667b1);
  return h ^ (h >>> 13);
}
