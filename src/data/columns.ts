import { InputError, UsageError } from '../errors.js';

/** The fields korus-stats reads from a trade file. */
export const FIELDS = [
  'year',
  'partner',
  'partner_code',
  'value',
  'category',
  'code',
  'reporter',
  'flow',
  'source',
  'basis',
  'definition',
  'month',
  'period',
  'partner2',
  'mot',
  'customs',
  'level',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Header names each field is found under, matched case-insensitively, first match wins. Documented in
 * README.md ("Columns"); `--columns field=Header` overrides.
 */
export const COLUMN_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  year: ['year', 'ref_year', 'refYear', 'yr'],
  partner: [
    'partner',
    'partner_name',
    'partner_desc',
    'partnerDesc',
    'CTY_NAME',
    'country',
    'partner country',
  ],
  partner_code: ['partner_code', 'partnerCode', 'partner_iso', 'partnerISO', 'Partner ISO', 'CTY_CODE'],
  value: [
    'value',
    'value_usd',
    'value_usd_million',
    'value_usd_thousand',
    'value_usd_billion',
    'trade_value',
    'primary_value',
    'primaryValue',
    'Trade Value (US$)',
    'GEN_VAL_YR',
  ],
  category: ['category', 'product_category'],
  code: [
    'hs_code',
    'hs',
    'hts_code',
    'cmd_code',
    'cmdCode',
    'Commodity Code',
    'I_COMMODITY',
    'commodity_code',
  ],
  reporter: ['reporter', 'reporter_iso', 'reporterISO', 'Reporter ISO', 'reporter_desc', 'reporterDesc'],
  flow: ['flow', 'flow_code', 'flowCode', 'Trade Flow', 'flow_desc', 'flowDesc'],
  source: ['source'],
  basis: ['basis', 'value_basis'],
  definition: ['definition', 'category_definition'],
  month: ['month', 'ref_month', 'refMonth'],
  period: ['period'],
  partner2: ['partner2Code', 'partner2code', 'partner2_code'],
  mot: ['motCode', 'mot_code'],
  customs: ['customsCode', 'customs_code'],
  level: ['SUMMARY_LVL'],
};

/** Fields a file can lack when `--set` (or its layout) gives them one value for every row. */
export const SETTABLE: readonly Field[] = [
  'category',
  'reporter',
  'flow',
  'source',
  'basis',
  'definition',
  'partner',
];

const REQUIRED: readonly Field[] = ['year', 'value'];

/** Where each field is in a file's header (0-based), and the value column's unit as a power of ten. */
export interface ColumnMap {
  index: Partial<Record<Field, number>>;
  header: string[];
  /** Year columns of a wide file (DataWeb, OTEXA): each cell is that year's value. */
  wide: Array<{ column: number; year: number }>;
  /** Columns that repeat a mapped column (first, copy): every row must hold the same text in both. */
  echoes: Array<[number, number]>;
  /** Power of ten the value column is in: 6 for `value_usd_million`. */
  valueScale: number;
  /** How the unit was decided, for the output footer. */
  unitFrom: string;
}

/** Units a value column can be in, as powers of ten. */
export const UNITS: Readonly<Record<string, number>> = { usd: 0, thousand: 3, million: 6, billion: 9 };

/** Parses `--columns value=GEN_VAL_YR,partner=CTY_NAME` into a field-to-header map. */
export function parseColumnOverrides(text: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim().replace(/-/g, '_') as Field;
    const header = part.slice(eq + 1).trim();
    if (eq < 1 || !header || !FIELDS.includes(field)) {
      throw new UsageError(
        `--columns: "${part}" is not FIELD=HEADER`,
        `fields: ${FIELDS.join(', ')}; e.g. --columns value=GEN_VAL_YR,partner=CTY_NAME`,
      );
    }
    out[field] = header;
  }
  return out;
}

const norm = (s: string): string => s.normalize('NFC').trim().toLowerCase();

/** The unit a value column's name states (`value_usd_million` is millions), if any. */
export function unitFromHeader(name: string): number | undefined {
  const n = norm(name);
  if (/(^|[^a-z])(billions?|bn)([^a-z]|$)/.test(n)) return 9;
  if (/(^|[^a-z])(millions?|mn|mln)([^a-z]|$)/.test(n)) return 6;
  if (/(^|[^a-z])(thousands?|000s?)([^a-z]|$)/.test(n)) return 3;
  return undefined;
}

/**
 * Finds each field's column in a header. Problems with the header itself (blank or duplicate names) are
 * errors only when they touch a column the analysis reads; the caller reports the rest as warnings.
 */
export function mapColumns(
  header: string[],
  file: string,
  overrides: Partial<Record<Field, string>> = {},
  unit?: string,
  options: {
    line?: number;
    prefer?: Partial<Record<Field, readonly string[]>>;
    wide?: boolean;
    given?: readonly Field[];
    /** Accept a mapped column named twice (the Census API echoes its query's columns): the copies must agree. */
    echoes?: boolean;
  } = {},
): ColumnMap {
  const line = options.line ?? 1;
  const names = header.map(norm);
  const index: Partial<Record<Field, number>> = {};
  for (const field of FIELDS) {
    const wanted = overrides[field];
    if (wanted !== undefined) {
      const at = names.indexOf(norm(wanted));
      if (at === -1) {
        throw new InputError(
          { file, line },
          `--columns ${field}=${wanted}: no such column`,
          `the header has: ${header.join(', ')}`,
        );
      }
      index[field] = at;
      continue;
    }
    for (const alias of [...(options.prefer?.[field] ?? []), ...COLUMN_ALIASES[field]]) {
      const at = names.indexOf(norm(alias));
      if (at !== -1 && !Object.values(index).includes(at)) {
        index[field] = at;
        break;
      }
    }
  }
  const echoes: Array<[number, number]> = [];
  for (const field of Object.keys(index) as Field[]) {
    const at = index[field] as number;
    const name = names[at] ?? '';
    const again = names.indexOf(name, at + 1);
    if (options.echoes && again !== -1 && names.indexOf(name) === at) {
      for (let i = again; i !== -1; i = names.indexOf(name, i + 1)) echoes.push([at, i]);
      continue;
    }
    if (again !== -1 || names.indexOf(name) !== at) {
      const cols = names.flatMap((n, i) => (n === name ? [i + 1] : []));
      throw new InputError(
        { file, line, column: cols[1] },
        `duplicate column "${header[at]}" (columns ${cols.join(' and ')}): cannot tell which holds the ${field}`,
        'rename one of them, or pick one with --columns',
      );
    }
  }
  // A wide file holds its years in the header ("2015", "2016"): those columns are the values.
  const wide = options.wide
    ? names.flatMap((n, column) => (/^\d{4}$/.test(n) ? [{ column, year: Number(n) }] : []))
    : [];
  const given = new Set(options.given ?? []);
  const need: Field[] = wide.length ? [] : [...REQUIRED];
  if (index.partner === undefined && index.partner_code === undefined && !given.has('partner'))
    need.push('partner');
  if (index.category === undefined && index.code === undefined && !given.has('category'))
    need.push('category');
  for (const field of need) {
    if (index[field] !== undefined) continue;
    const tried =
      field === 'category'
        ? [...COLUMN_ALIASES.category, ...COLUMN_ALIASES.code]
        : field === 'partner'
          ? [...COLUMN_ALIASES.partner, ...COLUMN_ALIASES.partner_code]
          : COLUMN_ALIASES[field];
    const what = field === 'category' ? 'category or HS code' : field;
    throw new InputError(
      { file, line },
      `no ${what} column (looked for: ${tried.join(', ')})`,
      `the header has: ${header.join(', ')}; name the column with --columns ${field}=HEADER${field === 'category' ? ', or give the one category of the whole file with --set category=NAME' : ''}`,
      'missing-column',
    );
  }
  const valueName = wide.length ? '' : (header[index.value as number] ?? '');
  const named = unitFromHeader(valueName);
  let valueScale = 0;
  let unitFrom = wide.length
    ? 'year columns taken as US dollars'
    : `column "${valueName}" taken as US dollars`;
  if (unit !== undefined) {
    valueScale = UNITS[unit] ?? 0;
    unitFrom = `--unit ${unit}`;
  } else if (named !== undefined) {
    valueScale = named;
    unitFrom = `column "${valueName}" (${Object.keys(UNITS).find((u) => UNITS[u] === named)} US$)`;
  }
  return { index, header, wide, echoes, valueScale, unitFrom };
}
