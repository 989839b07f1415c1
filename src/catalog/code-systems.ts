import { censusByCode, comtradeByCode, comtradeByIso } from './code-tables.js';
import { filterHas } from './partner-index.js';
import { lookupPartner } from './partner-lookup.js';
import { isPlain, latinFoldTable, type Partner, settledText } from './partner-type.js';
import { PSEUDO_NAME, WORLD } from './stand-ins.js';

/** The code system of a file's partner and reporter code columns. */
export type CodeSystem = 'any' | 'comtrade' | 'census' | 'name';

/** The partner a name cell names (aggregates and pseudo-partners included). */
function byName(text: string, plain?: boolean): Partner {
  const p = lookupPartner(text, plain);
  if (p.kind === 'unknown' && mayBePseudo(p.name) && PSEUDO_NAME.test(p.name))
    return { kind: 'pseudo', code: p.name, name: p.name };
  return p;
}

/**
 * Whether byName would make an unknown partner of the text under the text itself, told in one pass over
 * it (false: it may not, and the full look-up decides): text that normalising leaves as it is (every unit
 * below U+0300, single spaces between words), whose key's hash the index's filter lacks, that starts with
 * no "0" or "_" (looked up as numbers and group codes), and that PSEUDO_NAME does not match. The hash is
 * the one the lookup's filter test takes (mayBeKnown for plain text, latinKeyHash for other), unit by unit;
 * the same pass looks for what mayBePseudo looks for, in the key's units (a few more names than it: é is
 * e there), and only a name holding one is tested against PSEUDO_NAME. A pass over a name is most of a
 * look-up's cost on a file of millions of made-up places: one, not five.
 */
export function unknownAsItself(text: string): boolean {
  const fold = latinFoldTable();
  const n = text.length;
  if (n === 0) return false;
  let h = 0x811c9dc5 | 0;
  let afterSpace = true;
  // The key's last three units, and whether they spelled nes, n.e or spec.
  let u1 = 0;
  let u2 = 0;
  let u3 = 0;
  let pseudo = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
      u3 = u2;
      u2 = u1;
      u1 = 0x20;
      continue;
    }
    if (c >= 0x300 || (c >= 9 && c <= 13) || c === 0xa0) return false;
    const u = fold[c] as number;
    if (u < 0 || (i === 0 && (u === 48 || u === 95))) return false;
    if (afterSpace && i > 0) h = Math.imul(h ^ 0x20, 0x01000193);
    h = Math.imul(h ^ u, 0x01000193);
    afterSpace = false;
    if (u2 === 110 && ((u1 === 101 && u === 115) || (u1 === 46 && u === 101))) pseudo = true;
    else if (u3 === 115 && u2 === 112 && u1 === 101 && u === 99) pseudo = true;
    u3 = u2;
    u2 = u1;
    u1 = u;
  }
  if (afterSpace || filterHas(h)) return false;
  if (!pseudo && !((n === 7 || n === 12 || n === 18) && WHOLE_NAMES.has(text.toLowerCase()))) return true;
  return !PSEUDO_NAME.test(text);
}

/** The lower case of an ASCII letter's unit (other units as they are). */
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Whether `name` holds the lower-case ASCII `word` at `at`, its ASCII letters in any case. */
function holdsAt(name: string, at: number, word: string): boolean {
  if (at + word.length > name.length) return false;
  for (let k = 0; k < word.length; k++)
    if (lower(name.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/** PSEUDO_NAME's whole names that hold none of the parts mayBePseudo looks for ("free zones" holds "nes"). */
const WHOLE_NAMES = new Set(['bunkers', 'special categories', 'unknown', 'confidential']);

/**
 * Whether PSEUDO_NAME may match a name (false: surely not), tested before it on every name the catalog
 * does not know: a name it matches holds "nes", "n.e" or "specified" (ASCII letters in any case, as its
 * i flag matches them), or is one of its whole names.
 */
export function mayBePseudo(name: string): boolean {
  for (let i = 0; i + 2 < name.length; i++) {
    const c = lower(name.charCodeAt(i));
    if (c === 110) {
      const a = name.charCodeAt(i + 1);
      const b = lower(name.charCodeAt(i + 2));
      if ((lower(a) === 101 && b === 115) || (a === 46 && b === 101)) return true;
    } else if (c === 115 && holdsAt(name, i, 'specified')) return true;
  }
  const n = name.length;
  return (n === 7 || n === 12 || n === 18) && WHOLE_NAMES.has(name.toLowerCase());
}

/**
 * Resolves a partner or reporter cell in a file's code system: Comtrade numbers (842 the USA, 0 World, 899
 * Areas nes) and its ISO-like codes (W00, _X, X1), Census Schedule C (5800, "-" the total, 0003 and 1XXX
 * groups), or names. Undefined for an empty cell; a code the system does not know is 'unknown' under its
 * own text (the caller may prefer a name column then).
 */
export function partnerInSystem(system: CodeSystem, text: string): Partner | undefined {
  // A name the catalog surely does not know, told in one pass (a file of millions of made-up places).
  if ((system === 'any' || system === 'name') && unknownAsItself(text))
    return { kind: 'unknown', code: text, name: text };
  // Plain text is its own NFC form, and the lookup need not test it again (undefined: it tests).
  const plain = isPlain(text) || undefined;
  const t = plain || settledText(text) ? text : text.normalize('NFC').trim();
  if (!t) return undefined;
  if (system === 'comtrade') {
    if (/^\d+$/.test(t))
      return comtradeByCode.get(String(Number(t))) ?? { kind: 'unknown', code: t, name: t };
    const iso = comtradeByIso.get(t.toUpperCase());
    if (iso) return iso;
    // ISO-like codes with a digit or an underscore are Comtrade's areas, never countries.
    if (/[\d_]/.test(t)) return { kind: 'pseudo', code: t, name: t };
    return byName(t, plain);
  }
  if (system === 'census') {
    if (t === '-') return WORLD;
    if (/^\dXXX$/i.test(t)) return censusByCode.get(t.toUpperCase()) ?? { kind: 'group', code: t, name: t };
    if (/^00\d\d$/.test(t)) return censusByCode.get(t) ?? { kind: 'group', code: t, name: t };
    if (/^\d{4}$/.test(t)) return censusByCode.get(t) ?? { kind: 'unknown', code: t, name: t };
    return byName(t, plain);
  }
  return byName(t, plain);
}
