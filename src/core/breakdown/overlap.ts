import type { FoundCategory } from './types.js';

/** Whether a set of HS prefixes lies inside another: each inner prefix starts with one of the outer ones. */
export function hsWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > 0 && outer.length > 0 && inner.every((a) => outer.some((b) => a.startsWith(b)));
}

/** Whether two sets of HS prefixes share codes: a prefix of one starts with a prefix of the other. */
export function hsOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x.startsWith(y) || y.startsWith(x)));
}

/** How the listed categories lie in one another, by their catalog HS definitions. */
export interface Overlaps {
  /** For each listed category (in order), the listed ones whose definition holds it, sorted. */
  within: string[][];
  /** The categories within no other: the ones the partner's total adds. */
  top: FoundCategory[];
  /** Pairs of top-level categories that share HS codes without one holding the other. */
  partialOverlaps: Array<[string, string]>;
  /** Top-level categories without an HS definition (data labels only), when there are several. */
  unknownOverlap: string[];
}

/** The overlaps of the listed categories. Of two with the same definition, the one listed first stands for both. */
export function overlapsOf(found: FoundCategory[]): Overlaps {
  const within = found.map((a, i) =>
    found
      .filter((b, j) => j !== i && hsWithin(a.def.hs, b.def.hs) && (!hsWithin(b.def.hs, a.def.hs) || j < i))
      .map((b) => b.def.name)
      .sort(),
  );
  const top = found.filter((_, i) => within[i]?.length === 0);
  const partialOverlaps: Array<[string, string]> = [];
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i] as (typeof top)[number];
      const b = top[j] as (typeof top)[number];
      if (hsOverlap(a.def.hs, b.def.hs)) partialOverlaps.push([a.def.name, b.def.name]);
    }
  }
  const unknownOverlap =
    top.length > 1 ? top.filter((t) => t.def.hs.length === 0).map((t) => t.def.name) : [];
  return { within, top, partialOverlaps, unknownOverlap };
}
