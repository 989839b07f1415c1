// The library's own entry loads every language it has (80 of them); English is the one used here.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { DISPLAY_NAMES } from './partner-names.js';

/**
 * What a partner cell stands for: a country, the world total, a remainder ("All other"), a country group
 * (EU, a World Bank region), a pseudo-partner (Comtrade's "Areas, nes", Bunkers, Free zones; WITS's
 * "Unspecified": not a country, shown as its own labelled remainder), or a name the catalog does not know.
 */
export type PartnerKind = 'country' | 'world' | 'remainder' | 'group' | 'pseudo' | 'unknown';

/** A resolved partner: `code` is ISO 3166 alpha-2 for countries, else a stable label. */
export interface Partner {
  kind: PartnerKind;
  code: string;
  name: string;
  /** The country a source's stand-in stands for, as data users read it (Comtrade's 490 "Other Asia, nes": TW). */
  standsFor?: string;
}

countries.registerLocale(english);

/** The ISO 3166 country lists (English registered; Korean on first need, korean-names.ts). */
export { countries };

/** Printable ASCII but the backtick, in words with one space between: normalising leaves it as it is. */
export const PLAIN = /^[!-_a-~]+(?: [!-_a-~]+)*$/;

/**
 * PLAIN.test(text), as a loop (a file of millions of distinct names tests each one, and the loop is a
 * fraction of the regular expression's cost on such short texts).
 */
export function isPlain(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  let afterSpace = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (c < 0x21 || c > 0x7e || c === 0x60) return false;
    else afterSpace = false;
  }
  return !afterSpace;
}

/**
 * Whether text is its own NFC form with its spaces as normalising leaves them (single spaces between
 * words): true when every unit is below U+0300 (nothing there composes or decomposes differently) and
 * the only space is a single U+0020 between non-spaces. Accented Latin names then skip both passes.
 */
export function settledText(text: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 || (c >= 9 && c <= 13) || c === 0xa0) return false;
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
    } else afterSpace = false;
  }
  return !afterSpace || text.length === 0;
}

/** The key partner text is looked up by: NFC-insensitive, accent-, case- and space-insensitive. */
export function partnerKey(text: string, plain = isPlain(text)): string {
  // Most cells are plain ASCII words with single spaces: then the key is the text in lower case (one
  // test, not five passes; a file of millions of distinct names looks each one up).
  if (plain) return text.toLowerCase();
  return latinKey(text) ?? fullKey(text);
}

/** The key by the normalising passes themselves, for any text. */
function fullKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

let latin: string[] | undefined;
let latinLower: string[] | undefined;

/**
 * What the key keeps of each UTF-16 unit below U+0370 (Latin letters with their accents, and the combining
 * marks): its decomposition less its marks, a space for a space, made by the same normalising calls as the
 * full key, so the two agree (a mark is dropped whatever it follows, so unit by unit is the same as whole).
 */
function latinKeys(): string[] {
  if (!latin) {
    latin = [];
    for (let c = 0; c < 0x370; c++) {
      const ch = String.fromCharCode(c);
      latin.push(/\s/.test(ch) ? ' ' : ch === '`' ? "'" : ch.normalize('NFD').replace(/\p{M}/gu, ''));
    }
  }
  return latin;
}

/** A unit's part of the key, from a table of the parts below U+0370; undefined for a unit past them. */
function partOf(keys: readonly string[], c: number): string | undefined {
  if (c < 0x370) return keys[c];
  return c === 0x2018 || c === 0x2019 ? "'" : undefined;
}

let latinFold: Int32Array | undefined;

/**
 * Per unit below U+0300: the one unit its part of the key is in lower case, or -1 when the part is not
 * one unit other than a space (a ligature's two letters): the table of the one-pass look-up of unknown
 * names (code-systems.ts).
 */
export function latinFoldTable(): Int32Array {
  if (!latinFold) {
    const keys = latinLowerKeys();
    latinFold = new Int32Array(0x300);
    for (let c = 0; c < 0x300; c++) {
      const m = keys[c] as string;
      latinFold[c] = m.length === 1 && m !== ' ' ? m.charCodeAt(0) : -1;
    }
  }
  return latinFold;
}

/** Each unit's part of the key in lower case (lower-casing below U+0370 needs no context: no sigma there). */
function latinLowerKeys(): string[] {
  latinLower ??= latinKeys().map((m) => m.toLowerCase());
  return latinLower;
}

/**
 * FNV-1a over the UTF-16 units of the key latinKey gives `text`, without making the key (a file of
 * millions of accented names the catalog does not know tests each against the index's filter); undefined
 * for text latinKey does not take, and for a key that starts with "0" or "_" (looked up another way).
 */
export function latinKeyHash(text: string): number | undefined {
  const keys = latinLowerKeys();
  let h = 0x811c9dc5 | 0;
  let started = false;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const m = partOf(keys, text.charCodeAt(i));
    if (m === undefined) return undefined;
    if (m === ' ') {
      space = started;
      continue;
    }
    for (let k = 0; k < m.length; k++) {
      const u = m.charCodeAt(k);
      // A part with a space inside, or a key that starts as a number or a group code: the full lookup.
      if (u === 0x20 || (!started && (u === 48 || u === 95))) return undefined;
      if (space) {
        h = Math.imul(h ^ 0x20, 0x01000193);
        space = false;
      }
      h = Math.imul(h ^ u, 0x01000193);
      started = true;
    }
  }
  return h;
}

/**
 * The key of text whose every unit is below U+0370 or a curly quote, in one pass (a file of millions of
 * accented names looks each one up); undefined for other text, which takes the full passes.
 */
function latinKey(text: string): string | undefined {
  const keys = latinKeys();
  let out = '';
  // After a space (or at the start): spaces in a run, and at the start, make no space.
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const m = partOf(keys, text.charCodeAt(i));
    if (m === undefined) return undefined;
    if (m === ' ') {
      if (!afterSpace) out += ' ';
      afterSpace = true;
    } else if (m !== '') {
      out += m;
      afterSpace = false;
    }
  }
  return (afterSpace && out.endsWith(' ') ? out.slice(0, -1) : out).toLowerCase();
}

/** The display name of an ISO alpha-2 country code. */
export function countryName(alpha2: string): string {
  return (
    (Object.hasOwn(DISPLAY_NAMES, alpha2) ? DISPLAY_NAMES[alpha2] : undefined) ??
    countries.getName(alpha2, 'en') ??
    alpha2
  );
}
