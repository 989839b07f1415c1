import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
// The library's own entry loads every language it has (80 of them); English is the one used here.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import censusList from './data/census-schedule-c.json' with { type: 'json' };
import comtradeList from './data/comtrade-areas.json' with { type: 'json' };
import worldBankList from './data/world-bank-aggregates.json' with { type: 'json' };

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

/** The code system of a file's partner and reporter code columns. */
export type CodeSystem = 'any' | 'comtrade' | 'census' | 'name';

/**
 * US Census Schedule C country codes checked against the Census API's CTY_NAME (DOMAIN.md section 4); the
 * full list is src/catalog/data/census-schedule-c.json (see its SOURCES.md).
 */
export const CENSUS_CODES: Readonly<Record<string, string>> = {
  '1220': 'CA',
  '2010': 'MX',
  '2150': 'HN',
  '3510': 'BR',
  '4120': 'GB',
  '4190': 'IE',
  '4210': 'NL',
  '4231': 'BE',
  '4279': 'FR',
  '4280': 'DE',
  '4419': 'CH',
  '4700': 'ES',
  '4759': 'IT',
  '4890': 'TR',
  '5330': 'IN',
  '5350': 'PK',
  '5380': 'BD',
  '5490': 'TH',
  '5520': 'VN',
  '5550': 'KH',
  '5570': 'MY',
  '5590': 'SG',
  '5600': 'ID',
  '5650': 'PH',
  '5700': 'CN',
  '5800': 'KR',
  '5830': 'TW',
  '5880': 'JP',
  '6021': 'AU',
};

/** UN Comtrade reporter/partner codes that differ from ISO 3166 numeric (Comtrade's USA is 842, not 840). */
export const COMTRADE_CODES: Readonly<Record<string, string>> = { '842': 'US', '757': 'CH' };

/** Names used by trade sources that the ISO name lists do not carry. */
export const TRADE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  KR: [
    'Korea, South',
    'Korea (South)',
    'Rep. of Korea',
    'Korea, Rep.',
    'Korea Rep',
    'KOR REP',
    'Korea, Republic',
  ],
  CN: ['CHINA P', "China, People's Republic of"],
  BD: ['BNGLDSH'],
  US: ['United States', 'USA'],
  VN: ['Viet Nam'],
  HK: ['China, Hong Kong SAR', 'Hong Kong, China'],
  TW: ['Chinese Taipei'],
  // World Bank spellings (WDI, WITS).
  LA: ['Lao PDR'],
  KG: ['Kyrgyz Republic'],
  SK: ['Slovak Republic'],
  TL: ['East Timor'],
  MD: ['Moldova'],
  CD: ['Dem. Rep. Congo', 'Congo, Dem. Rep.'],
  CG: ['Congo, Rep.'],
  FM: ['Micronesia, Fed. Sts.'],
  CF: ['Central African Rep', 'Central African Rep.'],
  BS: ['Bahamas, The'],
  GM: ['Gambia, The'],
  EG: ['Egypt, Arab Rep.'],
  YE: ['Yemen, Rep.'],
  VE: ['Venezuela, RB'],
  IR: ['Iran, Islamic Rep.'],
  KP: ["Korea, Dem. People's Rep."],
  TC: ['Turks and Caicos Isl.'],
  FK: ['Falkland Island'],
  KN: ['St. Kitts and Nevis'],
  LC: ['St. Lucia'],
  VC: ['St. Vincent and the Grenadines'],
};

/** Shorter everyday names where the ISO list leads with a formal one. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  US: 'United States',
  RU: 'Russia',
  TW: 'Taiwan',
  IR: 'Iran',
  CN: 'China',
  LA: 'Laos',
  SY: 'Syria',
  MD: 'Moldova',
  TZ: 'Tanzania',
  CD: 'DR Congo',
  MK: 'North Macedonia',
  CZ: 'Czechia',
  BN: 'Brunei',
  PS: 'Palestine',
  FM: 'Micronesia',
  CI: "Côte d'Ivoire",
  VA: 'Vatican City',
};

/** Rows that are totals over all partners: never a partner, used as the reported denominator. */
export const WORLD_ALIASES = [
  'World',
  'WLD',
  'W00',
  '0',
  'TOTAL FOR ALL COUNTRIES',
  '-',
  'Total',
  'World Total',
  'All countries',
];
/** Rows that hold what the listed partners leave out. */
export const REMAINDER_ALIASES = [
  'All other',
  'All others',
  'Other',
  'Others',
  'Rest of world',
  'Other countries',
];
/** Country groups: never added to partner sums. OTEXA's group rows (`_WTO`, `_CBI`) start with `_`. */
export const GROUP_ALIASES = [
  'EU',
  'European Union',
  'Euro Area',
  'ASEAN',
  'APEC',
  'NAFTA',
  'USMCA',
  'OPEC',
  'CAFTA-DR',
  'CAFTA',
  'Sub-Saharan Africa',
  'Pacific Rim Countries',
  'North America',
  'South and Central America',
  'Europe',
  'Asia',
  'Africa',
];

/** The key partner text is looked up by: NFC-insensitive, accent-, case- and space-insensitive. */
export function partnerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

countries.registerLocale(english);

/** Korean names, indexed the first time a name is not found otherwise (most runs never need them). */
let koreanIndexed = false;
function indexKorean(): boolean {
  if (koreanIndexed) return false;
  koreanIndexed = true;
  // Korean-language exports (K-stat, KITA) name partners in Korean: the list is loaded only then.
  countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/ko.json'));
  for (const a2 of Object.keys(countries.getAlpha2Codes())) {
    for (const name of countries.getName(a2, 'ko', { select: 'all' }) ?? []) {
      const key = partnerKey(name);
      if (!countryIndex.has(key) && !ambiguous.has(key)) countryIndex.set(key, a2);
    }
  }
  return true;
}

const countryIndex = new Map<string, string>();
const ambiguous = new Set<string>();
const special = new Map<string, Partner>();

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

function buildIndex(): void {
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
buildIndex();

/** The display name of an ISO alpha-2 country code. */
export function countryName(alpha2: string): string {
  return DISPLAY_NAMES[alpha2] ?? countries.getName(alpha2, 'en') ?? alpha2;
}

/** Resolves a partner cell (code in any supported system, or a name) to a partner; unknown text stays as it is. */
export function lookupPartner(text: string): Partner {
  const key = partnerKey(text);
  const found = special.get(key);
  if (found) return found;
  if (key.startsWith('_')) return { kind: 'group', code: text.trim(), name: text.trim() };
  // M49 codes are often zero-padded ("0410" for 410).
  const numeric = /^0\d+$/.test(key) ? String(Number(key)) : key;
  const alpha2 = countryIndex.get(numeric);
  if (alpha2) return { kind: 'country', code: alpha2, name: countryName(alpha2) };
  // A name in Korean (K-stat exports): its index is made on first need.
  if (/[\u1100-\u11ff\u3131-\ud79d]/.test(key) && indexKorean()) return lookupPartner(text);
  const name = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return { kind: 'unknown', code: name, name };
}

/** The catalog country whose name or code is nearest to `text` (a typo), if one is close enough. */
export function suggestPartner(text: string): Partner | undefined {
  const key = partnerKey(text);
  let best: { key: string; d: number } | undefined;
  for (const known of countryIndex.keys()) {
    if (/^\d+$/.test(known)) continue;
    const d = distance(key, known);
    if (!best || d < best.d) best = { key: known, d };
  }
  if (!best || best.d > Math.max(1, Math.floor(key.length / 4))) return undefined;
  return lookupPartner(best.key);
}

/** "did you mean South Korea (KR)?" for a partner text the catalog does not know, if one is near. */
export function partnerSuggestion(text: string): string | undefined {
  const p = suggestPartner(text);
  return p && `did you mean ${p.name} (${p.code})?`;
}

/** The hint for a partner missing from the data, led by a "did you mean" when the catalog does not know the name. */
export function partnerHint(p: { kind: string; name: string }, hint: string): string {
  const suggestion = p.kind === 'unknown' ? partnerSuggestion(p.name) : undefined;
  return suggestion ? `${suggestion}; ${hint}` : hint;
}

/** A reporter as the rows hold it: ISO alpha-2 for a known country, else the text. */
export function reporterCode(text: string): string {
  const p = lookupPartner(text);
  return p.kind === 'country' ? p.code : p.name;
}

// --- Code systems: Comtrade numbers, Census Schedule C, and the aggregate names sources use. -------------

const WORLD: Partner = { kind: 'world', code: 'WLD', name: 'World' };

interface AreaEntry {
  code: number;
  name: string;
  iso3: string | null;
  iso2: string | null;
  kind: string;
}

/** Comtrade's 490 "Other Asia, nes": a country's trade under an area's name (see README, "Partners"). */
const OTHER_ASIA: Partner = { kind: 'country', code: 'S19', name: 'Other Asia, nes', standsFor: 'TW' };

/** The code of the stand-in a source reports a country's trade under, if any (TW: S19, "Other Asia, nes"). */
export function standInCode(alpha2: string): string | undefined {
  return OTHER_ASIA.standsFor === alpha2 ? OTHER_ASIA.code : undefined;
}

const comtradeByCode = new Map<string, Partner>();
const comtradeByIso = new Map<string, Partner>();
for (const a of (comtradeList as { areas: AreaEntry[] }).areas) {
  let p: Partner;
  if (a.code === 490) p = OTHER_ASIA;
  else if (a.kind === 'world') p = WORLD;
  else if (a.kind === 'country' && a.iso2 && countries.isValid(a.iso2)) {
    p = { kind: 'country', code: a.iso2, name: countryName(a.iso2) };
  } else if (a.kind === 'country') p = { kind: 'unknown', code: a.name, name: a.name };
  else p = { kind: a.kind === 'group' ? 'group' : 'pseudo', code: a.name, name: a.name };
  comtradeByCode.set(String(a.code), p);
  if (a.iso3 && p.kind !== 'country') comtradeByIso.set(a.iso3.trim().toUpperCase(), p);
}
comtradeByIso.set('S19', OTHER_ASIA);
comtradeByIso.set('W00', WORLD);
comtradeByIso.set('WLD', WORLD);

interface CensusEntry {
  code: string;
  name: string;
  iso2: string | null;
}
const censusByCode = new Map<string, Partner>();
for (const c of (censusList as { countries: CensusEntry[] }).countries) {
  censusByCode.set(
    c.code,
    c.iso2 && countries.isValid(c.iso2)
      ? { kind: 'country', code: c.iso2, name: countryName(c.iso2) }
      : { kind: 'unknown', code: c.name, name: c.name },
  );
}
for (const g of (censusList as { groups: Array<{ code: string; name: string }> }).groups) {
  censusByCode.set(g.code, { kind: 'group', code: g.name, name: g.name });
}

/** Names of country groups and regions: World Bank aggregates, Census groups, the usual trade blocs. */
for (const a of (worldBankList as { aggregates: Array<{ name: string }> }).aggregates) {
  const key = partnerKey(a.name);
  if (key === 'world') continue;
  if (!special.has(key)) special.set(key, { kind: 'group', code: a.name, name: a.name });
}
for (const g of (censusList as { groups: Array<{ name: string }> }).groups) {
  const key = partnerKey(g.name);
  if (!special.has(key)) special.set(key, { kind: 'group', code: g.name, name: g.name });
}
for (const c of (censusList as { countries: CensusEntry[] }).countries) {
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

/** Names of areas that are not countries, whatever the source: "..., nes", Bunkers, Unspecified. */
const PSEUDO_NAME =
  /(^|[\s,(])(nes|n\.e\.s\.?|not elsewhere specified)([\s,)]|$)|^(bunkers|free zones|special categories|unspecified|not specified|unknown|confidential)$/i;

/** The partner a name cell names (aggregates and pseudo-partners included). */
function byName(text: string): Partner {
  const p = lookupPartner(text);
  if (p.kind === 'unknown' && PSEUDO_NAME.test(p.name)) return { kind: 'pseudo', code: p.name, name: p.name };
  return p;
}

/**
 * Resolves a partner or reporter cell in a file's code system: Comtrade numbers (842 the USA, 0 World, 899
 * Areas nes) and its ISO-like codes (W00, _X, X1), Census Schedule C (5800, "-" the total, 0003 and 1XXX
 * groups), or names. Undefined for an empty cell; a code the system does not know is 'unknown' under its
 * own text (the caller may prefer a name column then).
 */
export function partnerInSystem(system: CodeSystem, text: string): Partner | undefined {
  const t = text.normalize('NFC').trim();
  if (!t) return undefined;
  if (system === 'comtrade') {
    if (/^\d+$/.test(t))
      return comtradeByCode.get(String(Number(t))) ?? { kind: 'unknown', code: t, name: t };
    const iso = comtradeByIso.get(t.toUpperCase());
    if (iso) return iso;
    // ISO-like codes with a digit or an underscore are Comtrade's areas, never countries.
    if (/[\d_]/.test(t)) return { kind: 'pseudo', code: t, name: t };
    return byName(t);
  }
  if (system === 'census') {
    if (t === '-') return WORLD;
    if (/^\dXXX$/i.test(t)) return censusByCode.get(t.toUpperCase()) ?? { kind: 'group', code: t, name: t };
    if (/^00\d\d$/.test(t)) return censusByCode.get(t) ?? { kind: 'group', code: t, name: t };
    if (/^\d{4}$/.test(t)) return censusByCode.get(t) ?? { kind: 'unknown', code: t, name: t };
    return byName(t);
  }
  return byName(t);
}
