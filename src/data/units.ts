import { normName } from '../sources/types.js';

/** Units a value column can be in, as powers of ten. */
export const UNITS: Readonly<Record<string, number>> = { usd: 0, thousand: 3, million: 6, billion: 9 };

/** The unit a column name or cell states (`value_usd_million`, `Import (US$ Thousand)`), if any. */
export function unitFromHeader(name: string): number | undefined {
  const n = normName(name);
  if (/(^|[^a-z])(billions?|bn)([^a-z]|$)/.test(n) || n.includes('십억')) return 9;
  if (/(^|[^a-z])(millions?|mn|mln)([^a-z]|$)/.test(n) || n.includes('백만')) return 6;
  if (/(^|[^a-z])(thousands?|000s?)([^a-z]|$)/.test(n) || n.includes('천')) return 3;
  return undefined;
}

/** The name of a power of ten as a unit ("million"). */
export function unitName(scale: number): string {
  return Object.keys(UNITS).find((u) => UNITS[u] === scale) ?? `10^${scale}`;
}

/** The unit a unit cell states as a power of ten, or undefined when it is not a money unit ("%", "kg"). */
export function unitOfCell(text: string): number | undefined {
  const t = text.trim();
  if (!/(us\$|usd|\$|dollar)/i.test(t) || /%/.test(t)) return undefined;
  return unitFromHeader(t) ?? 0;
}
