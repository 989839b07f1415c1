// Code prefixes matched in the time of the code's length, not the list's: a category may list a million
// HS prefixes, and a row's code is looked up once per prefix length (at most ten), each a set look-up.

/** Lists this short are scanned as they are: building a set would cost more than it saves. */
const SCAN_UP_TO = 16;

/** A list of code prefixes, matched against codes. */
export class PrefixSet {
  private readonly set: Set<string>;
  /** The distinct prefix lengths, shortest first. */
  private readonly lengths: number[];

  constructor(prefixes: readonly string[]) {
    this.set = new Set(prefixes);
    const lengths = new Set<number>();
    for (const p of prefixes) lengths.add(p.length);
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /** Whether `code` starts with one of the prefixes. */
  matches(code: string): boolean {
    for (const n of this.lengths) {
      if (n > code.length) return false;
      if (this.set.has(n === code.length ? code : code.slice(0, n))) return true;
    }
    return false;
  }
}

const sets = new WeakMap<readonly string[], PrefixSet>();

/** Whether `code` starts with one of `prefixes` (a long list is indexed once, on first use). */
export function startsWithAny(code: string, prefixes: readonly string[]): boolean {
  if (prefixes.length <= SCAN_UP_TO) {
    for (const p of prefixes) if (code.startsWith(p)) return true;
    return false;
  }
  let set = sets.get(prefixes);
  if (!set) {
    set = new PrefixSet(prefixes);
    sets.set(prefixes, set);
  }
  return set.matches(code);
}
