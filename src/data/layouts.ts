import type { Field } from './columns.js';

/** The file layouts korus-stats recognises from their headers. */
export const LAYOUT_NAMES = [
  'canonical',
  'comtrade-legacy',
  'comtrade-plus',
  'comtradr',
  'census',
  'dataweb',
  'otexa',
] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** What is known of one source's files: how to recognise them and how to read their columns. */
export interface Layout {
  name: LayoutName;
  label: string;
  /** Whether a header (names lower-cased and trimmed) is this layout's. */
  detect(names: Set<string>): boolean;
  /** Header names to look for first, per field, before the generic aliases. */
  prefer: Partial<Record<Field, readonly string[]>>;
  /** Values every row of this layout has without a column for them. */
  constants?: Partial<Record<Field, string>>;
  /** Years are columns ("2015", "2016"); metadata lines may stand above the header. */
  wide?: boolean;
  /** HS numbers stored as numbers: an odd-length code lost a leading zero and gets it back. */
  padHs?: boolean;
  /** The Census API repeats its query's columns: tolerated when the copies agree. */
  echoes?: boolean;
  /** The value basis a value column's name states. */
  basis?(valueHeader: string): string | undefined;
  /** Whether values are cumulative year-to-date (the December row is the year). */
  cumulative?(valueHeader: string): boolean;
}

const hasYearColumn = (names: Set<string>): boolean => [...names].some((n) => /^\d{4}$/.test(n));
const CENSUS_VALUE = /^(gen|con)_(val|cif|cha)_(mo|yr)$/;

const COMTRADE_PLUS_BASIS = (h: string): string | undefined => {
  const n = h.toLowerCase().replace(/_/g, '');
  if (n === 'cifvalue') return 'UN Comtrade CIF value';
  if (n === 'fobvalue') return 'UN Comtrade FOB value';
  if (n === 'primaryvalue') return 'UN Comtrade primary value (imports CIF, exports FOB)';
  return undefined;
};

/** The layouts, most specific first; canonical is the fallback. */
export const LAYOUTS: readonly Layout[] = [
  {
    name: 'comtrade-plus',
    label: 'UN Comtrade Plus (v1 API)',
    detect: (n) => n.has('primaryvalue') && n.has('refyear'),
    prefer: {
      year: ['refYear'],
      month: ['refMonth'],
      partner_code: ['partnerISO'],
      partner: ['partnerDesc'],
      reporter: ['reporterISO'],
      flow: ['flowCode'],
      code: ['cmdCode'],
      value: ['primaryValue'],
      partner2: ['partner2Code'],
      mot: ['motCode'],
      customs: ['customsCode'],
    },
    basis: COMTRADE_PLUS_BASIS,
  },
  {
    name: 'comtradr',
    label: 'UN Comtrade Plus via comtradr (snake_case)',
    detect: (n) => n.has('primary_value') && n.has('ref_year'),
    prefer: {
      year: ['ref_year'],
      month: ['ref_month'],
      partner_code: ['partner_iso'],
      partner: ['partner_desc'],
      reporter: ['reporter_iso'],
      flow: ['flow_code'],
      code: ['cmd_code'],
      value: ['primary_value'],
      partner2: ['partner2code', 'partner2_code'],
      mot: ['mot_code'],
      customs: ['customs_code'],
    },
    basis: COMTRADE_PLUS_BASIS,
  },
  {
    name: 'comtrade-legacy',
    label: 'UN Comtrade legacy CSV',
    detect: (n) => n.has('trade value (us$)') && (n.has('partner iso') || n.has('partner code')),
    prefer: {
      year: ['Year'],
      period: ['Period'],
      partner_code: ['Partner ISO'],
      partner: ['Partner'],
      reporter: ['Reporter ISO'],
      flow: ['Trade Flow Code'],
      code: ['Commodity Code'],
      value: ['Trade Value (US$)'],
    },
    basis: () => 'UN Comtrade trade value (imports CIF, exports FOB)',
  },
  {
    name: 'census',
    label: 'US Census international trade API',
    detect: (n) => (n.has('cty_code') || n.has('cty_name')) && [...n].some((x) => CENSUS_VALUE.test(x)),
    prefer: {
      year: ['YEAR'],
      month: ['MONTH'],
      partner_code: ['CTY_CODE'],
      partner: ['CTY_NAME'],
      code: ['I_COMMODITY', 'E_COMMODITY'],
      value: [
        'GEN_VAL_YR',
        'GEN_VAL_MO',
        'CON_VAL_YR',
        'CON_VAL_MO',
        'GEN_CIF_YR',
        'GEN_CIF_MO',
        'CON_CIF_YR',
        'CON_CIF_MO',
      ],
      level: ['SUMMARY_LVL'],
    },
    // The imports endpoints hold US imports only.
    constants: { flow: 'imports', reporter: 'US' },
    echoes: true,
    basis: (h) => {
      const m = CENSUS_VALUE.exec(h.toLowerCase());
      if (!m) return undefined;
      const kind = m[1] === 'gen' ? 'general imports' : 'imports for consumption';
      const value = m[2] === 'val' ? 'customs value' : m[2] === 'cif' ? 'CIF value' : 'import charges';
      return `${kind}, ${value} (US Census)`;
    },
    cumulative: (h) => /_yr$/i.test(h),
  },
  {
    name: 'dataweb',
    label: 'USITC DataWeb export',
    detect: (n) => n.has('hts number') && n.has('country') && hasYearColumn(n),
    prefer: { code: ['HTS Number'], partner: ['Country'], basis: ['Data Type'] },
    wide: true,
    padHs: true,
  },
  {
    name: 'otexa',
    label: 'OTEXA-style table',
    detect: (n) => n.has('country') && hasYearColumn(n) && !n.has('hts number'),
    prefer: { partner: ['Country'] },
    wide: true,
  },
];

/** The canonical layout: korus-stats' own column names and aliases (see README, "Input files"). */
export const CANONICAL: Layout = { name: 'canonical', label: 'canonical', detect: () => true, prefer: {} };

/** The layout a header belongs to. */
export function detectLayout(header: string[]): Layout {
  const names = new Set(header.map((h) => h.normalize('NFC').trim().toLowerCase()));
  return LAYOUTS.find((l) => l.detect(names)) ?? CANONICAL;
}

/** The layout of a name given with --layout. */
export function layoutByName(name: LayoutName): Layout {
  return LAYOUTS.find((l) => l.name === name) ?? CANONICAL;
}

/** A layout's name for people ("UN Comtrade Plus (v1 API)"). */
export function layoutLabel(name: string): string {
  return LAYOUTS.find((l) => l.name === name)?.label ?? name;
}
