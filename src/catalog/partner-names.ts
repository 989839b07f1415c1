// The names and codes trade sources use that the ISO 3166 lists do not carry, and the names of aggregate
// rows: plain tables, read once when the partner index is built (partner-index.ts).

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
export const DISPLAY_NAMES: Readonly<Record<string, string>> = {
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
