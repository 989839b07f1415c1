import { lookupPartner, type Partner } from '../catalog/partners.js';
import type { ReadReport } from '../model/rows.js';
import { eachRecord } from './each-record.js';
import type { InputSource } from './inputs.js';
import type { ReadOptions } from './read-options.js';

/**
 * Code tables given among the inputs (BACI's `country_codes_V202401.csv`): read first, whatever their place,
 * as lookups for the codes the catalog does not know; the other inputs are the data.
 */
export async function lookupTables(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
): Promise<{ data: InputSource[]; codes?: Map<string, Partner> }> {
  if (inputs.length < 2) return { data: inputs };
  const data: InputSource[] = [];
  let codes: Map<string, Partner> | undefined;
  for (const input of inputs) {
    if (!/country/i.test(input.name)) {
      data.push(input);
      continue;
    }
    const rows: string[][] = [];
    const meta = { encoding: options.dialect.encoding };
    for await (const _ of eachRecord(
      input,
      { ...options, parser: 'csv-parse' },
      (r) => {
        if (rows.length === 0 || isCodeTable(rows[0] ?? []))
          rows.push(Array.from({ length: r.count }, (_, i) => r.text(i)));
      },
      meta,
    )) {
      if (!isCodeTable(rows[0] ?? [])) break;
    }
    if (!isCodeTable(rows[0] ?? [])) {
      data.push(input);
      continue;
    }
    codes ??= new Map();
    addCodes(codes, rows);
    report.codeTables.push({ name: input.name, codes: rows.length - 1 });
  }
  return { data, codes };
}

/** A code table's rows (header first) as partners by code: the catalog's country, else the table's name. */
function addCodes(codes: Map<string, Partner>, rows: string[][]): void {
  const names = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (...n: string[]) => names.findIndex((h) => n.includes(h));
  const [code, iso2, iso3, name] = [
    col('country_code'),
    col('country_iso2', 'iso_2digit_alpha'),
    col('country_iso3', 'iso_3digit_alpha'),
    col('country_name', 'country_name_full', 'country_name_abbreviation'),
  ];
  for (const row of rows.slice(1)) {
    const key = String(Number(row[code] ?? ''));
    const found =
      lookupPartner(row[iso2] ?? '').kind === 'country'
        ? lookupPartner(row[iso2] ?? '')
        : lookupPartner(row[iso3] ?? '');
    const text = (row[name] ?? key).trim();
    codes.set(key, found.kind === 'country' ? found : { kind: 'unknown', code: text, name: text });
  }
}

/** Whether a header is a country-code table's (BACI's: country_code, a name, ISO codes). */
function isCodeTable(header: string[]): boolean {
  const n = new Set(header.map((h) => h.trim().toLowerCase()));
  return (
    n.has('country_code') &&
    ['country_iso2', 'country_iso3', 'iso_2digit_alpha', 'iso_3digit_alpha'].some((x) => n.has(x))
  );
}
