import type { CategoryDef } from '../../catalog/categories.js';

interface PrefixIndex {
  /** The distinct prefix lengths, shortest first. */
  lengths: number[];
  /** The catalog positions of the categories listing each prefix. */
  byPrefix: Map<string, number[]>;
}

/**
 * The catalog's categories by code prefix, per classification, built once: a code's categories are found
 * in the time of its length (one look-up per prefix length), not by testing every prefix of every category
 * (thousands of categories, or one with a million prefixes). Gives what `inCategory` gives for each def.
 */
export class CategoryIndex {
  private readonly bySystem = new Map<string, PrefixIndex>();

  constructor(private readonly catalog: readonly CategoryDef[]) {}

  /** The categories a code of `system` is in, in catalog order. */
  of(code: string, system: string): CategoryDef[] {
    if (code === 'TOTAL') return this.catalog.filter((def) => def.codes?.includes('TOTAL'));
    if (system !== 'HS' && system !== 'SITC') return [];
    const index = this.index(system);
    const found = new Set<number>();
    for (const n of index.lengths) {
      if (n > code.length) break;
      for (const i of index.byPrefix.get(n === code.length ? code : code.slice(0, n)) ?? []) found.add(i);
    }
    return [...found].sort((a, b) => a - b).map((i) => this.catalog[i] as CategoryDef);
  }

  private index(system: 'HS' | 'SITC'): PrefixIndex {
    let index = this.bySystem.get(system);
    if (index) return index;
    const byPrefix = new Map<string, number[]>();
    const lengths = new Set<number>();
    this.catalog.forEach((def, i) => {
      for (const p of (system === 'HS' ? def.hs : def.sitc) ?? []) {
        const list = byPrefix.get(p);
        if (!list) byPrefix.set(p, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
        lengths.add(p.length);
      }
    });
    index = { lengths: [...lengths].sort((a, b) => a - b), byPrefix };
    this.bySystem.set(system, index);
    return index;
  }
}
