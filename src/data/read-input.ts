import { InputError } from '../errors.js';
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import type { WorkbookFacts } from '../sources/types.js';
import { isZip } from './decode.js';
import { csvDialectOf, eachRecord } from './each-record.js';
import { StringRecord } from './field-cache.js';
import { reopened } from './file-input.js';
import type { InputSource } from './inputs.js';
import { parserFor } from './parser-choice.js';
import { peekInput } from './peek-input.js';
import { rangesFit, readRanges } from './range-read.js';
import { looksLikeJsonTable } from './read-json.js';
import type { ReadOptions } from './read-options.js';
import { ThreadUnavailable } from './scan-thread.js';
import type { TradeFile } from './trade-file.js';
import { dataSheets } from './workbook-sheets.js';

/** Makes the reader of one file (or one workbook sheet). */
export type FileMaker = (
  name: string,
  context: { facts?: WorkbookFacts; sheet?: string },
  sheet?: { byMeasure: boolean },
) => TradeFile;

/** One input's records into files: a CSV or JSON table is one, an .xlsx workbook one per data sheet. */
export async function* readInput(
  given: InputSource,
  options: ReadOptions,
  make: FileMaker,
  meta: { encoding: string; bytes?: number },
  report: ReadReport,
  /** Where rows go when the file is read in ranges, and the options they are read with (code tables taken). */
  rows?: { filter: RowFilter; onRow: (row: TradeRow) => void; options: ReadOptions },
): AsyncGenerator<number> {
  const fast = parserFor(options) === 'fast';
  let peeked: { head: Buffer; input: InputSource } | undefined = await peekInput(given, { reuse: fast });
  if (isZip(peeked.head)) {
    yield* readWorkbook(peeked.input, make, meta, options, report);
    return;
  }
  const file = peeked.input.file;
  if (rows && fast && file && !looksLikeJsonTable(peeked.head)) {
    // A large CSV file is read in byte ranges by several threads, its rows handed on in order.
    const { delimiter, fallback } = csvDialectOf(peeked.head, options);
    if (rangesFit(peeked.input, options, fallback, peeked.head)) {
      await peeked.input.close?.();
      try {
        const read = { ...rows, input: peeked.input, head: peeked.head, delimiter, meta, report };
        if (yield* readRanges(read)) {
          if (delimiter !== options.dialect.delimiter)
            report.delimiters.push({ file: given.name, delimiter });
          return;
        }
      } catch (err) {
        if (!(err instanceof ThreadUnavailable)) throw err;
      }
      // No header or no data row (the one-thread reader says so at its line), or no thread to be had.
      given = reopened(given.name, file);
      peeked = undefined;
    }
  }
  const tradeFile = make(given.name, {});
  const seen: { encoding: string; bytes?: number; delimiter?: string } = meta;
  yield* eachRecord(given, options, (r) => tradeFile.record(r, meta), seen, peeked);
  if (seen.delimiter) report.delimiters.push({ file: given.name, delimiter: seen.delimiter });
  try {
    tradeFile.finish();
  } catch (err) {
    throw err instanceof InputError && err.code === 'empty-file'
      ? emptyFile(given.name, meta.bytes ?? given.size)
      : err;
  }
}

/** "Empty" only for a file of 0 bytes: one with bytes and no line (a byte-order mark alone) says how many. */
export function emptyFile(file: string, bytes: number | undefined): InputError {
  const detail =
    bytes === 0
      ? 'empty file (0 bytes): no header and no rows'
      : bytes === undefined
        ? 'no header and no rows'
        : `no header and no rows in its ${bytes} bytes`;
  return new InputError({ file }, detail, undefined, 'empty-file');
}

/** Errors that say a sheet holds no table korus-stats reads (before any of its rows was taken). */
const NOT_A_TABLE = new Set(['missing-column', 'title-row', 'no-rows', 'empty-file', 'blank-header']);

/** An .xlsx workbook: every data sheet is read as a file of its own. */
async function* readWorkbook(
  input: InputSource,
  make: FileMaker,
  meta: { encoding: string; bytes?: number },
  options: ReadOptions,
  report: ReadReport,
): AsyncGenerator<number> {
  let read = 0;
  let firstProblem: InputError | undefined;
  meta.encoding = 'xlsx';
  for await (const sheet of dataSheets(input, options.measure, report.sheetsSkipped)) {
    const file = make(sheet.name, { facts: sheet.facts, sheet: sheet.sheet }, sheet);
    let any = false;
    try {
      for await (const row of sheet.rows) {
        any = true;
        file.record(new StringRecord(row.fields, row.line), meta);
      }
      if (!any) continue; // an empty sheet
      file.finish();
    } catch (err) {
      // A sheet that is no table (notes, a chart's data): passed over, said, unless it is the only one.
      if (!(err instanceof InputError) || file.columns || !NOT_A_TABLE.has(err.code)) throw err;
      firstProblem ??= err;
      report.sheetsSkipped.push(`${sheet.name} (${err.detail})`);
      continue;
    }
    read++;
    yield 0;
  }
  if (read === 0) {
    throw (
      firstProblem ??
      new InputError({ file: input.name }, 'the workbook has no sheet with data', undefined, 'no-rows')
    );
  }
}
