// Shell-style patterns for one part of a --data path, matched without a regular expression: a
// pattern from the command line must not be able to crash the reader (`x[`) or make it backtrack for
// minutes (`a*a*a*a*...b`).

/** One piece of a pattern: a literal character, `?` (any one), `*` (any run) or a `[...]` class. */
export type GlobToken =
  | { kind: 'char'; ch: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

/** Whether `given` holds an unescaped glob character (`*`, `?`, or a `[` that a `]` closes). */
export function isGlob(given: string): boolean {
  return parseGlob(given).some((t) => t.kind !== 'char');
}

/** The pattern with its escapes (`\*`) removed: the literal name it stands for when it has no glob. */
export function unescapeGlob(given: string): string {
  return parseGlob(given)
    .map((t) => (t.kind === 'char' ? t.ch : ''))
    .join('');
}

/**
 * The tokens of a pattern. `\` makes the next character literal; a `[` with no closing `]` is a literal
 * `[`, as in sh; `[!...]` and `[^...]` negate; a `]` first in a class is literal.
 */
export function parseGlob(pattern: string): GlobToken[] {
  const chars = Array.from(pattern);
  const out: GlobToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '\\' && i + 1 < chars.length) out.push({ kind: 'char', ch: chars[++i] as string });
    else if (c === '*') {
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' }); // `**` in a part is `*` (alone: any depth)
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      const cls = parseClass(chars, i + 1);
      if (cls) {
        out.push(cls.token);
        i = cls.end;
      } else out.push({ kind: 'char', ch: c });
    } else out.push({ kind: 'char', ch: c });
  }
  return out;
}

function parseClass(chars: string[], start: number): { token: GlobToken; end: number } | undefined {
  let i = start;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  for (let first = true; i < chars.length; first = false) {
    let c = chars[i] as string;
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < chars.length) c = chars[++i] as string;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      ranges.push([c, chars[i + 2] as string]);
      i += 3;
    } else {
      ranges.push([c, c]);
      i++;
    }
  }
  return undefined;
}

function matchOne(t: GlobToken, ch: string): boolean {
  if (t.kind === 'any') return true;
  if (t.kind === 'char') return t.ch === ch;
  if (t.kind === 'star') return false;
  const inside = t.ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
  return inside !== t.negated;
}

/**
 * Whether `name` matches the pattern's tokens. Greedy with one backtrack point (the last `*` seen): a
 * later `*` makes every earlier choice final, so the work is at most pattern length x name length.
 */
export function globMatch(tokens: GlobToken[], name: string): boolean {
  const s = Array.from(name);
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < s.length) {
    const t = tokens[p];
    if (t?.kind === 'star') {
      starP = p++;
      starI = i;
    } else if (t && matchOne(t, s[i] as string)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}
