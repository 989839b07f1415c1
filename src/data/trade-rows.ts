// The reader's entry points: every input's trade rows, handed on as they are read or in batches to keep.
// What they are made of lives beside: inputs and their records (read-input, each-record, workbook-sheets),
// one file's header and rows (trade-file), and what the read says afterwards (read-notes, check-dimensions).
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import type { WorkbookFacts } from '../sources/types.js';
import { lookupTables } from './code-tables.js';
import type { InputSource, Inputs } from './inputs.js';
import { parserFor } from './parser-choice.js';
import { type FileMaker, readInput } from './read-input.js';
import type { ReadOptions } from './read-options.js';
import { refuseSameBytes } from './same-bytes.js';
import { SharedCaches } from './shared-caches.js';
import { TradeFile } from './trade-file.js';

/** The reader of each file (or workbook sheet) of one read, sharing its caches. */
function fileMaker(
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter,
  onRow: (row: TradeRow) => void,
  reuseRows: boolean,
): FileMaker {
  const shared = new SharedCaches(options, filter);
  return (name: string, context: { facts?: WorkbookFacts; sheet?: string }, sheet?: { byMeasure: boolean }) =>
    new TradeFile(
      name,
      sheet
        ? { ...options, sheetRows: true, measure: sheet.byMeasure ? undefined : options.measure }
        : options,
      report,
      filter,
      shared,
      onRow,
      reuseRows,
      context,
    );
}

/** The data inputs (code tables taken out as lookups) and the reader of each of their files. */
async function prepare(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter,
  onRow: (row: TradeRow) => void,
  reuseRows: boolean,
): Promise<{ data: InputSource[]; make: FileMaker; read: ReadOptions }> {
  report.parser = parserFor(options);
  const { data, codes } = await lookupTables(inputs, options, report);
  const read = { ...options, codeTable: codes };
  const make = fileMaker(read, report, filter, onRow, reuseRows);
  await refuseSameBytes(data);
  return { data, make, read };
}

/**
 * Reads typed trade rows from every input, handing those that pass `filter` to `onRow`. Structural
 * problems (ragged rows, bad numbers or years, missing columns, malformed CSV) throw InputError with file,
 * line and column; every other row is counted in `report`: nothing is dropped silently.
 */
export async function readTrade(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
  onRow: (row: TradeRow) => void,
  filter: RowFilter = {},
): Promise<void> {
  // The rows are handed on as the scanner finds them, in one object refilled for each row: a consumer
  // keeps what it needs of a row, never the row (readTradeRows gives rows to keep).
  report.inputs = (inputs as Inputs).facts;
  const { data, make, read } = await prepare(inputs, options, report, filter, onRow, true);
  let bytesBefore = 0;
  for (const input of data) {
    const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
    for await (const bytes of readInput(input, options, make, meta, report, {
      filter,
      onRow,
      options: read,
    })) {
      options.onProgress?.(bytesBefore + bytes, report.rowsRead);
    }
    bytesBefore += meta.bytes ?? 0;
  }
}

/** readTrade as an async iterable of rows. */
export async function* readTradeRows(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter = {},
): AsyncGenerator<TradeRow> {
  for await (const batch of rowBatches(inputs, options, report, filter)) yield* batch;
}

/** Rows in batches, one per chunk read: the parsers push, the batch keeps the order and the await cost low. */
async function* rowBatches(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter,
): AsyncGenerator<TradeRow[]> {
  let batch: TradeRow[] = [];
  const { data, make } = await prepare(inputs, options, report, filter, (row) => batch.push(row), false);
  let bytesBefore = 0;
  for (const input of data) {
    const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
    try {
      for await (const bytes of readInput(input, options, make, meta, report)) {
        if (batch.length) yield batch;
        batch = [];
        options.onProgress?.(bytesBefore + bytes, report.rowsRead);
      }
    } finally {
      // The rows before an error are handed on before it.
      if (batch.length) yield batch;
      batch = [];
    }
    bytesBefore += meta.bytes ?? 0;
  }
}
