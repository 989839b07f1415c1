import type { CategoryDef } from './categories.js';
import { startsWithAny } from './prefix-set.js';

/** The classification a commodity code is in: HS (and HTS), SITC, BEC, EBOPS (services), or another. */
export type CodeSystemName = 'HS' | 'SITC' | 'BEC' | 'EBOPS' | 'other';

/** How a row's commodity code matches the category asked for. */
export type CodeMatch = 'hs-code' | 'sitc-code' | 'total-code';

/** What is known of a commodity code cell: the code (padded back), its system and its match. */
export interface CodeInfo {
  /** The code as used (an HS code that lost its leading zero gets it back); undefined for an empty cell. */
  code: string | undefined;
  /** The cell as written. */
  raw: string;
  system: CodeSystemName;
  /** How it matches the filter's category; 'none-defined' when the category has no codes in this system. */
  match: CodeMatch | 'none-defined' | undefined;
  /** A leading zero was put back (HS codes are 2, 4, 6, 8 or 10 digits: "4" is chapter 04, "601" 0601). */
  padded: boolean;
}

/** Codes that stand for all commodities (Comtrade's TOTAL, a DataWeb workbook's "Total" of all chapters). */
const TOTAL_CODES = new Set(['TOTAL', 'ALL', 'AG0']);

/** The classification a cell names: Comtrade's H0-H6 and S1-S4, BE/B4/B5 (BEC), EB (EBOPS), or names. */
export function classificationOf(text: string): CodeSystemName {
  const t = text.trim().toUpperCase();
  if (/^(H[0-9]|HS|HTS|HS\d{2,4}|HTSUS)$/.test(t) || /^HS\b/.test(t)) return 'HS';
  if (/^(S[1-4]|SITC|SITC\s*REV\.?\s*[1-4]|ST)$/.test(t)) return 'SITC';
  if (/^(BE|B[345]|BEC.*)$/.test(t)) return 'BEC';
  if (/^EB(\d{2})?$/.test(t) || t.startsWith('EBOPS')) return 'EBOPS';
  return 'other';
}

/** The name of a classification for messages. */
export function systemLabel(system: CodeSystemName): string {
  return system === 'HS'
    ? 'HS'
    : system === 'SITC'
      ? 'SITC'
      : system === 'BEC'
        ? 'BEC'
        : system === 'EBOPS'
          ? 'EBOPS (services)'
          : 'an unknown classification';
}

/** A code cell, read in a classification against a category (or none): padded, matched. */
export function codeInfo(text: string, system: CodeSystemName, def: CategoryDef | undefined): CodeInfo {
  const raw = text.trim();
  if (!raw) return { code: undefined, raw, system, match: undefined, padded: false };
  const upper = raw.toUpperCase();
  if (TOTAL_CODES.has(upper)) {
    return {
      code: 'TOTAL',
      raw,
      system,
      match: def?.codes?.includes('TOTAL') ? 'total-code' : undefined,
      padded: false,
    };
  }
  let code = raw;
  let padded = false;
  if (system === 'HS' && /^\d+$/.test(raw) && raw.length % 2 === 1 && raw.length < 10) {
    code = `0${raw}`;
    padded = true;
  }
  let match: CodeInfo['match'];
  if (def) {
    const prefixes = system === 'HS' ? def.hs : system === 'SITC' ? def.sitc : undefined;
    if (!prefixes?.length) match = def.hs.length || def.sitc?.length ? 'none-defined' : undefined;
    else if (startsWithAny(code, prefixes)) match = system === 'HS' ? 'hs-code' : 'sitc-code';
  }
  return { code, raw, system, match, padded };
}
