import { PROFILES } from '../sources/index.js';
import type { WorkbookFacts } from '../sources/types.js';
import { isZip } from './decode.js';
import type { InputSource } from './inputs.js';
import { parserFor } from './parser-choice.js';
import { peekInput } from './peek-input.js';
import type { ReadOptions } from './read-options.js';

/** One data sheet of a workbook, with what its parameters sheet said. */
export interface DataSheet {
  /** `book.xlsx[Sheet]`: the name the sheet's problems and figures are given under. */
  name: string;
  sheet: string;
  facts?: WorkbookFacts;
  /** --measure named this sheet (so it names no column in it). */
  byMeasure: boolean;
  rows: AsyncIterable<{ fields: string[]; line: number }>;
}

/**
 * The data sheets of an .xlsx workbook (a DataWeb export), in order: a parameters sheet gives facts (the
 * flow, the partner of a one-country query, the unit) to the sheets after it; sheets of quantities are
 * passed over (into `skipped`) unless `measure` names them, and `measure` naming a sheet reads that one only.
 */
export async function* dataSheets(
  input: InputSource,
  measure: string | undefined,
  skipped: string[],
): AsyncGenerator<DataSheet> {
  const { readXlsxSheets } = await import('./read-xlsx.js');
  let facts: WorkbookFacts | undefined;
  const wanted = measure?.trim().toLowerCase();
  for await (const sheet of readXlsxSheets(input)) {
    const parameters = PROFILES.find((p) => p.workbook?.isParameters(sheet.name));
    if (parameters?.workbook) {
      const rows: string[][] = [];
      for await (const row of sheet.rows) rows.push(row.fields);
      facts = parameters.workbook.facts(rows);
      continue;
    }
    const name = sheet.name.trim().toLowerCase();
    const named = wanted !== undefined && sheet.sheets.some((x) => x.trim().toLowerCase() === wanted);
    if (named ? wanted !== name : /quantity|weight/.test(name)) {
      skipped.push(`${input.name}[${sheet.name}]`);
      continue;
    }
    yield {
      name: `${input.name}[${sheet.name}]`,
      sheet: sheet.name,
      facts,
      byMeasure: named,
      rows: sheet.rows,
    };
  }
}

/** An input as `validate` reads it: the input itself, or each data sheet of a workbook. */
export async function* workbookOrFile(
  given: InputSource,
  options: ReadOptions,
): AsyncGenerator<{ input: InputSource; sheet?: DataSheet }> {
  // Peeked as eachRecord would: the byte scanner reads a file into one buffer over and over.
  const { head, input } = await peekInput(given, { reuse: parserFor(options) === 'fast' });
  if (!isZip(head)) {
    yield { input };
    return;
  }
  for await (const sheet of dataSheets(input, options.measure, [])) yield { input, sheet };
}
