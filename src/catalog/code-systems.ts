import { censusByCode, comtradeByCode, comtradeByIso } from './code-tables.js';
import { lookupPartner } from './partner-lookup.js';
import { isPlain, type Partner, settledText } from './partner-type.js';
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

/** The lower case of an ASCII letter's unit (other units as they are). */
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Whether PSEUDO_NAME may match a name (false: surely not), tested before it on every name the catalog
 * does not know: a name it matches is one of its whole names (18 units at most) or holds "nes", "n.e" or
 * "specified" (ASCII letters in any case, as its i flag matches them).
 */
export function mayBePseudo(name: string): boolean {
  if (name.length <= 18) return true;
  for (let i = 0; i + 2 < name.length; i++) {
    const c = lower(name.charCodeAt(i));
    if (c === 110) {
      const a = name.charCodeAt(i + 1);
      const b = lower(name.charCodeAt(i + 2));
      if ((lower(a) === 101 && b === 115) || (a === 46 && b === 101)) return true;
    } else if (c === 115 && name.slice(i, i + 9).toLowerCase() === 'specified') return true;
  }
  return false;
}

/**
 * Resolves a partner or reporter cell in a file's code system: Comtrade numbers (842 the USA, 0 World, 899
 * Areas nes) and its ISO-like codes (W00, _X, X1), Census Schedule C (5800, "-" the total, 0003 and 1XXX
 * groups), or names. Undefined for an empty cell; a code the system does not know is 'unknown' under its
 * own text (the caller may prefer a name column then).
 */
export function partnerInSystem(system: CodeSystem, text: string): Partner | undefined {
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
