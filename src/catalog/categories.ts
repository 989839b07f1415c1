import builtIn from './categories.json' with { type: 'json' };
import { startsWithAny } from './prefix-set.js';

/** A product category: its key, a label, the HS code prefixes it covers and a note on its definition. */
export interface CategoryDef {
  name: string;
  label: string;
  hs: string[];
  /** SITC code prefixes, when the category also has a definition in SITC (apparel: division 84). */
  sitc?: string[];
  /** Other codes it is (Comtrade's TOTAL for all commodities). */
  codes?: string[];
  /** Other names a category column may use for it ("All Products" for all-commodities). */
  aliases?: string[];
  /**
   * Defined by its source's own code list, not by HS prefixes (USITC's Trade Shifts sectors): rows are
   * matched by their category label only, and its empty HS list is meant, not missing.
   */
  labelOnly?: boolean;
  note: string;
  /** Where the definition comes from: the built-in catalog or a --categories file. */
  origin: string;
}

/** The key a category label is matched by: "Textiles and Apparel" and "textiles_and_apparel" are one. */
export function categoryKey(label: string): string {
  return label
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** The built-in category catalog (src/catalog/categories.json; a test checks it as a --categories file). */
export function builtInCategories(): CategoryDef[] {
  return builtIn.categories.map((e) => categoryEntry(e, 'built-in catalog'));
}

/** A category entry as a definition, its defaults filled in; the entry is one already checked. */
export function categoryEntry(e: Record<string, unknown>, origin: string): CategoryDef {
  const hs = (e.hs ?? []) as string[];
  const sitc = e.sitc;
  const codes = e.codes;
  const total = Array.isArray(codes) && codes.length > 0;
  const aliases = Array.isArray(e.aliases)
    ? (e.aliases as unknown[]).filter((a): a is string => typeof a === 'string')
    : [];
  return {
    name: categoryKey(e.name as string),
    label: typeof e.label === 'string' ? e.label : (e.name as string),
    hs,
    ...(Array.isArray(sitc) ? { sitc: sitc as string[] } : {}),
    ...(total ? { codes: (codes as unknown[]).map(String) } : {}),
    ...(aliases.length ? { aliases: aliases.map(categoryKey) } : {}),
    ...(e.labelOnly === true ? { labelOnly: true } : {}),
    note: typeof e.note === 'string' ? e.note : `HS ${hs.join(', ')}`,
    origin,
  };
}

/** HS prefixes as people write them: three or more consecutive chapters as a range, "HS 50-60, 63". */
export function hsDefinition(hs: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < hs.length; i++) {
    const start = hs[i] as string;
    let end = start;
    while (/^\d{2}$/.test(end) && hs[i + 1] === String(Number(end) + 1).padStart(2, '0'))
      end = hs[++i] as string;
    if (end === start) parts.push(start);
    else if (Number(end) === Number(start) + 1) parts.push(start, end);
    else parts.push(`${start}-${end}`);
  }
  return `HS ${parts.join(', ')}`;
}

/** Whether an HS code (a string: "0101" is not "101") falls under one of a category's prefixes. */
export function hsMatches(code: string, def: CategoryDef): boolean {
  return startsWithAny(code, def.hs);
}

/** How a row was matched to a category: its category label, or its HS, SITC or all-commodities code. */
export type MatchKind = 'category-column' | 'hs-code' | 'sitc-code' | 'total-code';

/** Whether a row belongs to a category: by its category label when it has one, else by its code. */
export function inCategory(
  category: string | undefined,
  code: string | undefined,
  def: CategoryDef,
  system: string = 'HS',
): MatchKind | undefined {
  if (category !== undefined)
    return category === def.name || def.aliases?.includes(category) ? 'category-column' : undefined;
  if (code === undefined) return undefined;
  if (code === 'TOTAL') return def.codes?.includes('TOTAL') ? 'total-code' : undefined;
  if (system === 'SITC') return def.sitc && startsWithAny(code, def.sitc) ? 'sitc-code' : undefined;
  if (system !== 'HS') return undefined;
  return hsMatches(code, def) ? 'hs-code' : undefined;
}

/** The catalog's definition for a category name, or a data-only category (matched by its label alone). */
export function resolveCategory(name: string, catalog: CategoryDef[]): CategoryDef {
  const key = categoryKey(name);
  return (
    catalog.find((d) => d.name === key) ?? {
      name: key,
      label: name,
      hs: [],
      note: 'not in the catalog: matched by the data category column only',
      origin: 'data',
    }
  );
}
