// The edit distance "did you mean" suggestions are ranked by: Damerau-Levenshtein (optimal string
// alignment), where swapping two neighbouring letters ("Chnia", "Kroea") costs one edit, as a typist's slip.

/** Insertions, deletions, substitutions and swaps of adjacent characters turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // Three rows: the one before the last (for swaps), the last, the current.
  let before = new Array<number>(n + 1).fill(0);
  let last = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((last[j] as number) + 1, (cur[j - 1] as number) + 1, (last[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      cur[j] = d;
    }
    [before, last, cur] = [last, cur, before];
  }
  return last[n] as number;
}
