import { MONTH_NAMES, normName, type SourceProfile, type WorkbookFacts } from './types.js';

/** DataWeb's data types and the value basis each is. */
const DATA_TYPES: Readonly<Record<string, string>> = {
  'general customs value': 'general imports, customs value (USITC DataWeb)',
  'customs value': 'customs value (USITC DataWeb)',
  'imports for consumption customs value': 'imports for consumption, customs value (USITC DataWeb)',
  'fas value': 'FAS value (USITC DataWeb)',
  'cif import value': 'CIF value (USITC DataWeb)',
  'landed duty-paid value': 'landed duty-paid value (USITC DataWeb)',
};

const FLOWS: ReadonlyArray<[RegExp, string]> = [
  [/\bgeneral imports\b/i, 'imports'],
  [/\bimports for consumption\b/i, 'imports'],
  [/\bdomestic exports\b/i, 'exports'],
  [/\btotal exports\b/i, 'exports'],
];

/** What DataWeb's title line ("General Imports|Annual Data") and parameters sheet (label, value rows) say. */
function facts(rows: ReadonlyArray<readonly string[]>): WorkbookFacts {
  const out: WorkbookFacts = { constants: {}, said: [] };
  const flowOf = (text: string) => FLOWS.find(([re]) => re.test(text))?.[1];
  const params = new Map<string, string[]>();
  for (const row of rows) {
    const label = (row[0] ?? '').trim();
    const value = (row[1] ?? '').trim();
    // A title line ("General Imports|Annual Data", "U.S. General Imports, Annual Data"): one cell.
    const titleFlow = row.slice(1).every((c) => c.trim() === '') ? flowOf(label) : undefined;
    if (titleFlow) {
      out.constants.flow = titleFlow;
      out.said.push(label);
    }
    if (label) params.set(normName(label), [...(params.get(normName(label)) ?? []), value]);
  }
  const first = (name: string) => params.get(name)?.[0] ?? '';
  const tradeFlow = flowOf(first('trade flow'));
  if (tradeFlow) {
    out.constants.flow = tradeFlow;
    out.said.push(`Trade Flow: ${first('trade flow')}`);
  }
  // One country asked for with its figures aggregated: the data sheets have no Country column.
  const countries = first('country list');
  const aggregation = first('country aggregation');
  if (countries && !countries.includes(',') && /aggregate countries/i.test(aggregation)) {
    out.constants.partner = countries;
    out.said.push(`Country List: ${countries} (${aggregation})`);
  }
  const unit = [...params.values()].flat().find((v) => /^in (thousands|millions|billions)$/i.test(v));
  if (unit) {
    out.scale = /thousand/i.test(unit) ? 3 : /million/i.test(unit) ? 6 : 9;
    out.said.push(unit);
  }
  if ((params.get('select type') ?? []).some((v) => /^use all commodities$/i.test(v))) {
    out.allCommodities = true;
    out.said.push('Select Type: Use All Commodities');
  }
  return out;
}

/**
 * USITC DataWeb query exports, CSV or .xlsx: title lines above the header ("General Imports|Annual Data",
 * "Data Row Count,50"), years as columns (or a Year column and months as columns), a "Total:" row at the
 * bottom, HTS numbers that lost their leading zero when stored as numbers. A workbook has one sheet per
 * measure and a "Query Parameters" sheet (the flow, the country of a one-country query, the unit).
 */
export const dataweb: SourceProfile = {
  name: 'dataweb',
  label: 'USITC DataWeb export',
  detect: (h) => {
    const n = h.names;
    if (!n.has('data type') || !(n.has('hts number') || n.has('country'))) return undefined;
    if (n.has('year') && h.hasMonthColumns) return 'monthly';
    if (h.hasYearColumns) return n.has('country') ? 'annual' : 'annual-one-country';
    return undefined;
  },
  // Title lines (one cell: "General Imports|Annual Data") and "Data Row Count,50".
  preamble: (fields) => {
    const first = (fields[0] ?? '').trim();
    return /^data row count$/i.test(first) || (first !== '' && fields.slice(1).every((c) => c.trim() === ''));
  },
  columns: {
    code: ['HTS Number'],
    partner: ['Country'],
    basis: ['Data Type'],
    year: ['Year'],
  },
  codes: 'name',
  classification: 'HS',
  wide: 'years',
  padCodes: true,
  constants: () => ({ reporter: 'US' }),
  thousands: ',',
  footer: (fields) => /^total\s*:?$/i.test((fields[0] ?? '').trim()),
  // An own key only: a cell "constructor" is not Object.prototype's.
  basis: (text) => (Object.hasOwn(DATA_TYPES, normName(text)) ? DATA_TYPES[normName(text)] : undefined),
  workbook: {
    isParameters: (sheet) => /^query parameters$/i.test(sheet.trim()),
    facts,
  },
  expects: 'USITC DataWeb: Data Type, HTS Number, Country, one column per year',
  docs: 'docs/sources/dataweb.md',
};

/** The month a DataWeb month column names (1-12), or 0. */
export function monthOfColumn(name: string): number {
  return MONTH_NAMES.indexOf(normName(name) as (typeof MONTH_NAMES)[number]) + 1;
}
