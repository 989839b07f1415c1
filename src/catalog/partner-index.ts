// The index partner text is looked up in, built once at load: ISO codes and names, the trade sources'
// own names and codes, and the names of aggregate rows. Korean names join it on first need (korean-names.ts).

import { CENSUS_COUNTRIES, CENSUS_GROUPS, comtradeByCode } from './code-tables.js';
import worldBankList from './data/world-bank-aggregates.json' with { type: 'json' };
import {
  CENSUS_CODES,
  COMTRADE_CODES,
  GROUP_ALIASES,
  REMAINDER_ALIASES,
  TRADE_ALIASES,
  WORLD_ALIASES,
} from './partner-names.js';
import { countries, latinKeyHash, type Partner, partnerKey } from './partner-type.js';
import { OTHER_ASIA } from './stand-ins.js';

/** Country codes and names by lookup key, to ISO alpha-2. */
export const countryIndex = new Map<string, string>();
/** Keys that name two countries ("Congo"): they match neither. */
export const ambiguous = new Set<string>();
/** Aggregates, pseudo-partners and stand-ins by lookup key. */
export const special = new Map<string, Partner>();

function indexCountry(text: string, alpha2: string, override = false): void {
  const key = partnerKey(text);
  if (!key) return;
  const had = countryIndex.get(key);
  if (had && had !== alpha2 && !override) {
    // Two countries share this name ("Congo"): match neither rather than guess.
    ambiguous.add(key);
    return;
  }
  countryIndex.set(key, alpha2);
}

function indexIso(): void {
  const alpha2s = Object.keys(countries.getAlpha2Codes());
  // Codes and first (official) names first, so an alias can never take a name that is another's official one.
  for (const a2 of alpha2s) {
    countryIndex.set(partnerKey(a2), a2);
    const a3 = countries.alpha2ToAlpha3(a2);
    if (a3) countryIndex.set(partnerKey(a3), a2);
    const num = countries.alpha2ToNumeric(a2);
    if (num) countryIndex.set(String(Number(num)), a2);
  }
  for (const a2 of alpha2s) {
    const first = countries.getName(a2, 'en');
    if (first) indexCountry(first, a2);
  }
  // Other names may not take a code or official name; one claimed by two countries ("Congo") matches neither.
  const claims = new Map<string, Set<string>>();
  for (const a2 of alpha2s) {
    for (const name of (countries.getName(a2, 'en', { select: 'all' }) ?? []).slice(1)) {
      const key = partnerKey(name);
      if (countryIndex.has(key)) continue;
      const owners = claims.get(key) ?? new Set<string>();
      owners.add(a2);
      claims.set(key, owners);
    }
  }
  for (const [key, owners] of claims) {
    if (owners.size > 1) ambiguous.add(key);
    else countryIndex.set(key, [...owners][0] as string);
  }
  for (const [code, a2] of Object.entries(CENSUS_CODES)) countryIndex.set(code, a2);
  for (const [code, a2] of Object.entries(COMTRADE_CODES)) countryIndex.set(code, a2);
  for (const [a2, names] of Object.entries(TRADE_ALIASES)) for (const n of names) indexCountry(n, a2, true);
  for (const key of ambiguous) countryIndex.delete(key);
  for (const name of WORLD_ALIASES)
    special.set(partnerKey(name), { kind: 'world', code: 'WLD', name: 'World' });
  for (const name of REMAINDER_ALIASES)
    special.set(partnerKey(name), { kind: 'remainder', code: 'OTHER', name: 'All other' });
  for (const name of GROUP_ALIASES) special.set(partnerKey(name), { kind: 'group', code: name, name });
}

// After the ISO names, so a source's own name never displaces an ISO one.
function indexSources(): void {
  // Names of country groups and regions: World Bank aggregates, Census groups, the usual trade blocs.
  for (const a of (worldBankList as { aggregates: Array<{ name: string }> }).aggregates) {
    const key = partnerKey(a.name);
    if (key === 'world') continue;
    if (!special.has(key)) special.set(key, { kind: 'group', code: a.name, name: a.name });
  }
  for (const g of CENSUS_GROUPS) {
    const key = partnerKey(g.name);
    if (!special.has(key)) special.set(key, { kind: 'group', code: g.name, name: g.name });
  }
  for (const c of CENSUS_COUNTRIES) {
    if (!c.iso2 || !countries.isValid(c.iso2)) continue;
    if (!countryIndex.has(c.code)) countryIndex.set(c.code, c.iso2);
    const key = partnerKey(c.name);
    if (!countryIndex.has(key) && !ambiguous.has(key)) countryIndex.set(key, c.iso2);
  }
  for (const [code, p] of comtradeByCode) {
    if (p.kind === 'country' && p !== OTHER_ASIA && !countryIndex.has(code)) countryIndex.set(code, p.code);
    const key = partnerKey(p.name);
    if (p.kind !== 'country' && !special.has(key)) special.set(key, p);
  }
  special.set(partnerKey('Other Asia, nes'), OTHER_ASIA);
  special.set('490', OTHER_ASIA);
}

indexIso();
indexSources();

// A filter of the plain (printable ASCII) keys the index holds: a bit per hash of a key. A plain cell whose
// bit is clear is in neither map, so the lookup of a name the catalog does not know (a file of millions of
// made-up places) costs a loop over its characters, not a lower-case copy and two map reads.
const FILTER_BITS = 1 << 16;
const plainKeys = new Int32Array(FILTER_BITS >>> 5);

/** The filter's bit of an FNV-1a hash of a key. */
const bitOf = (h: number): number => (h ^ (h >>> 16)) & (FILTER_BITS - 1);

/** The hash of plain text as its lower-case key would hash (ASCII letters folded in place, no copy). */
function foldedHash(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
  }
  return bitOf(h);
}

/** Puts a key of the index in the filter (every key the index gets, at load and later). */
export function filterKey(key: string): void {
  const h = foldedHash(key);
  plainKeys[h >>> 5] = (plainKeys[h >>> 5] as number) | (1 << (h & 31));
}

for (const key of [...countryIndex.keys(), ...special.keys()]) filterKey(key);

/** Whether the filter has the bit of a key's FNV-1a hash (false: no key of the index has that hash). */
export function filterHas(h: number): boolean {
  const b = bitOf(h);
  return ((plainKeys[b >>> 5] as number) & (1 << (b & 31))) !== 0;
}

/**
 * Whether text that is not plain may be a key of the index (false: surely not): text latinKey takes (Latin
 * letters with accents) is tested by its key's hash, without making the key; other text may be.
 */
export function mayBeKnownText(text: string): boolean {
  const h = latinKeyHash(text);
  return h === undefined || filterHas(h);
}

/**
 * Whether plain text may be a key of the index (false: surely not). Korean names, which join the index
 * later, are never plain; keys read as numbers ("0410") are looked up by their number, so they may be.
 */
export function mayBeKnown(plain: string): boolean {
  if (plain.charCodeAt(0) === 48) return true;
  const h = foldedHash(plain);
  return ((plainKeys[h >>> 5] as number) & (1 << (h & 31))) !== 0;
}
