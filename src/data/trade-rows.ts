import { createHash } from 'node:crypto';
import { systemLabel } from '../catalog/classifications.js';
import { FLOWS, type Flow, parseFlow } from '../catalog/flows.js';
import { lookupPartner, type Partner } from '../catalog/partners.js';
import { InputError, KorusError, UsageError } from '../errors.js';
import type { Note } from '../model/notes.js';
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import { detectProfile, PROFILES, profileLabel } from '../sources/index.js';
import { headerView, type SourceProfile, type WorkbookFacts } from '../sources/types.js';
import { type Dialect, decodeError } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8, encodingLabel, isZip } from './decode.js';
import { type FieldReader, StringRecord } from './field-cache.js';
import type { InputSource } from './inputs.js';
import { readCsvRecords } from './read-csv.js';
import { looksLikeJsonTable, peekInput, readJsonRecords } from './read-json.js';
import { PARSERS, type ParserChoice, type ReadOptions } from './read-options.js';
import { CsvScanner } from './scan-csv.js';
import { SharedCaches } from './shared-caches.js';
import { TradeFile } from './trade-file.js';

export type { DimensionStats, FileStats, ReadReport, RowFilter, TradeRow } from '../model/rows.js';
export { newReport } from '../model/rows.js';
export { FLOWS, type Flow, PARSERS, type ParserChoice, parseFlow, type ReadOptions, SharedCaches };

/** Makes the reader of one file (or one workbook sheet). */
type FileMaker = (
  name: string,
  context: { facts?: WorkbookFacts; sheet?: string },
  sheet?: { byMeasure: boolean },
) => TradeFile;

/** The reader of each file (or workbook sheet) of one read, sharing its caches. */
function fileMaker(
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter,
  onRow: (row: TradeRow) => void,
  reuseRows: boolean,
): FileMaker {
  const shared = new SharedCaches(options, filter);
  return (name, context, sheet) =>
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
  report.parser = parserFor(options);
  const { data, codes } = await lookupTables(inputs, options, report);
  const make = fileMaker({ ...options, codeTable: codes }, report, filter, onRow, true);
  await refuseSameBytes(data);
  let bytesBefore = 0;
  for (const input of data) {
    const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
    for await (const bytes of readInput(input, options, make, meta, report)) {
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

/** Whether the byte scanner can read with these options (it needs a one-byte ASCII delimiter). */
export function scannerFits(dialect: Dialect): boolean {
  const c = dialect.delimiter.charCodeAt(0);
  return dialect.delimiter.length === 1 && c < 0x80;
}

/** Rows in batches, one per chunk read: the parsers push, the batch keeps the order and the await cost low. */
async function* rowBatches(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
  filter: RowFilter,
): AsyncGenerator<TradeRow[]> {
  report.parser = parserFor(options);
  let batch: TradeRow[] = [];
  const { data, codes } = await lookupTables(inputs, options, report);
  const make = fileMaker({ ...options, codeTable: codes }, report, filter, (row) => batch.push(row), false);
  await refuseSameBytes(data);
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

/**
 * Code tables given among the inputs (BACI's `country_codes_V202401.csv`): read first, whatever their place,
 * as lookups for the codes the catalog does not know; the other inputs are the data.
 */
async function lookupTables(
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
    report.codeTables.push({ name: input.name, codes: rows.length - 1 });
  }
  return { data, codes };
}

/** Whether a header is a country-code table's (BACI's: country_code, a name, ISO codes). */
function isCodeTable(header: string[]): boolean {
  const n = new Set(header.map((h) => h.trim().toLowerCase()));
  return (
    n.has('country_code') &&
    ['country_iso2', 'country_iso3', 'iso_2digit_alpha', 'iso_3digit_alpha'].some((x) => n.has(x))
  );
}

/**
 * Two inputs with the same bytes (the same file twice, `a.csv` beside `a.csv.gz`) would count every row
 * twice: refused before anything is read. Files of different sizes cannot be the same, so only files whose
 * sizes match (or are not known in advance, as a .gz's) are hashed; standard input is not.
 */
async function refuseSameBytes(inputs: InputSource[]): Promise<void> {
  if (inputs.length < 2) return;
  const files = inputs.filter((i) => i.name !== '<stdin>');
  const unknownSize = files.some((i) => i.size === undefined);
  const bySize = new Map<number, number>();
  for (const i of files) if (i.size !== undefined) bySize.set(i.size, (bySize.get(i.size) ?? 0) + 1);
  const seen = new Map<string, string>();
  for (const input of files) {
    if (!unknownSize && (bySize.get(input.size as number) ?? 0) < 2) continue;
    const hash = createHash('sha1');
    for await (const chunk of input.open()) hash.update(chunk);
    sameAs(seen, hash.digest('hex'), input.name);
  }
}

function sameAs(seen: Map<string, string>, digest: string, name: string): void {
  const twin = seen.get(digest);
  if (twin !== undefined) {
    throw new KorusError(
      `${name} has the same bytes as ${twin}: reading both would count every row twice`,
      2,
      'give each file once',
    );
  }
  seen.set(digest, name);
}

/** The parser the options choose: the byte scanner unless csv-parse is asked for or the delimiter needs it. */
export function parserFor(options: ReadOptions): 'fast' | 'csv-parse' {
  const choice = options.parser ?? 'auto';
  if (choice === 'fast' && !scannerFits(options.dialect)) {
    throw new UsageError(
      `--parser fast needs a one-byte ASCII delimiter, not ${JSON.stringify(options.dialect.delimiter)}`,
    );
  }
  return choice === 'fast' || (choice === 'auto' && scannerFits(options.dialect)) ? 'fast' : 'csv-parse';
}

/** One input's records into files: a CSV or JSON table is one, an .xlsx workbook one per data sheet. */
async function* readInput(
  given: InputSource,
  options: ReadOptions,
  make: FileMaker,
  meta: { encoding: string; bytes?: number },
  report: ReadReport,
): AsyncGenerator<number> {
  const fast = parserFor(options) === 'fast';
  const peeked = await peekInput(given, { reuse: fast });
  if (isZip(peeked.head)) {
    yield* readWorkbook(peeked.input, make, meta, options, report);
    return;
  }
  const file = make(given.name, {});
  const seen: { encoding: string; bytes?: number; delimiter?: string } = meta;
  yield* eachRecord(given, options, (r) => file.record(r, meta), seen, peeked);
  if (seen.delimiter) report.delimiters.push({ file: given.name, delimiter: seen.delimiter });
  file.finish();
}

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

/**
 * Hands every record of one input to `onRecord`, with either parser, or from a JSON table (the Census
 * API's answer, read whole); yields the bytes read so far after each chunk, so a caller can pass on what
 * the records made. Malformed CSV and bad bytes throw InputError after the records before them.
 */
export async function* eachRecord(
  given: InputSource,
  options: ReadOptions,
  onRecord: (r: FieldReader) => void,
  meta: { encoding: string; bytes?: number; delimiter?: string },
  peeked?: { head: Buffer; input: InputSource },
): AsyncGenerator<number> {
  // The byte scanner copies what it keeps of a chunk, so its reader may reuse one buffer; csv-parse may not.
  const fast = parserFor(options) === 'fast';
  const { head, input } = peeked ?? (await peekInput(given, { reuse: fast }));
  if (looksLikeJsonTable(head)) {
    meta.encoding = `${options.dialect.encoding} (JSON)`;
    for (const { fields, line } of await readJsonRecords(input, options.dialect.encoding)) {
      onRecord(new StringRecord(fields, line));
    }
    yield 0;
    return;
  }
  // A tab-separated file (Comtrade's bulk .txt, Excel's "Unicode text") read with the default comma: the
  // header has tabs and no comma.
  const delimiter = options.delimiterGiven
    ? options.dialect.delimiter
    : sniffDelimiter(head, options.dialect.delimiter);
  if (delimiter !== options.dialect.delimiter) meta.delimiter = delimiter;
  // A source whose downloads are Windows-1252 (the Comtrade portal's) is read so when its bytes are not
  // UTF-8, unless an encoding was given; the header tells the source before any data is decoded.
  const fallback = options.encodingGiven ? undefined : sniffProfile(head, delimiter)?.encoding;
  if (fast) {
    const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: options.dialect.encoding, fallback };
    const scanner = new CsvScanner(input.name, delimiter.charCodeAt(0), onRecord);
    for await (const chunk of decodeToUtf8(input.open(), options.dialect.encoding, state)) {
      meta.encoding = encodingLabel(state);
      meta.bytes = state.bytesIn;
      try {
        scanner.push(chunk);
      } finally {
        yield state.bytesIn;
      }
    }
    meta.encoding = encodingLabel(state);
    if (state.problem) {
      const line = scanner.lineAtEnd();
      try {
        scanner.endAtCut();
      } finally {
        yield state.bytesIn;
      }
      throw decodeError(input.name, state.problem, line);
    }
    scanner.end();
    return;
  }
  let n = 0;
  for await (const { fields, line } of readCsvRecords(
    input,
    { ...options.dialect, delimiter, fallback },
    meta,
  )) {
    onRecord(new StringRecord(fields, line));
    if (++n % 4096 === 0) yield 0;
  }
}

/** Tab, when the first line of a file read with the default comma holds tabs and no comma (or no ;). */
function sniffDelimiter(head: Buffer, delimiter: string): string {
  if (delimiter !== ',') return delimiter;
  const end = head.indexOf(10);
  const first = head.subarray(0, end === -1 ? Math.min(head.length, 65536) : end).toString('latin1');
  return first.includes('\t') && !first.includes(',') ? '\t' : delimiter;
}

/** The profile of a file's first line(s), read from its first bytes (for the encoding to decode it in). */
function sniffProfile(head: Buffer, delimiter: string): SourceProfile | undefined {
  const text = head
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '');
  const lines = text.split(/\r?\n/, 3);
  for (const line of lines.slice(0, 2)) {
    const fields = splitLine(line, delimiter);
    const found = detectProfile(headerView(fields));
    if (found.profile.name !== 'canonical') return found.profile;
  }
  return undefined;
}

/** A CSV line's cells, quotes removed (enough to read a header). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Refuses a file that breaks partners down by a hidden dimension (mode of transport, customs procedure,
 * second partner, port) without the total rows: adding the parts is not what the source publishes as the
 * total. (A total missing for some keys only is found by the accumulator, key by key.)
 */
export function checkDimensions(report: ReadReport): void {
  for (const d of Object.values(report.dimensions)) {
    if (d.detail > 0 && d.total === 0) {
      throw new KorusError(
        `the data breaks partners down by ${d.label} and has no total rows for it (${d.detail} rows): adding them up could count figures twice or miss some`,
        2,
        'download the data with the totals included (e.g. Comtrade motCode 0, customsCode C00, partner2Code 0; Census PORT "-")',
      );
    }
  }
}

/** Notes on what the reader left out, changed or assumed: each file's and the rows'. */
export function readNotes(report: ReadReport): Note[] {
  const notes: Note[] = [];
  const s = (n: number) => (n === 1 ? '' : 's');
  const lines = (xs: number[]) => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ', ...' : ''}`;
  for (const f of report.files) {
    if (f.blankLines.length) {
      notes.push({
        level: 'warning',
        code: 'blank-rows',
        message: `${f.name}: ${f.blankLines.length} blank row${s(f.blankLines.length)} between data rows skipped (line${s(f.blankLines.length)} ${lines(f.blankLines)})`,
        count: f.blankLines.length,
      });
    }
    if (f.skippedLines.length) {
      notes.push({
        level: f.layout === 'canonical' ? 'warning' : 'info',
        code: 'lines-above-header',
        message: `${f.name}: ${f.skippedLines.length} line${s(f.skippedLines.length)} above the header passed over (line${s(f.skippedLines.length)} ${lines(f.skippedLines)}); the header is line ${f.headerLine}`,
        count: f.skippedLines.length,
      });
    }
    if (f.rowNames) {
      notes.push({
        level: 'info',
        code: 'row-names',
        message: `${f.name}: the first column is R's row names (write.csv), not data`,
      });
    }
    if (f.trailingEmpty) {
      notes.push({
        level: 'info',
        code: 'trailing-empty-field',
        message: `${f.name}: ${f.trailingEmpty} row${s(f.trailingEmpty)} end${f.trailingEmpty === 1 ? 's' : ''} with an empty field past the header's last column (a trailing comma, as the Comtrade portal writes): ignored`,
        count: f.trailingEmpty,
      });
    }
    if (f.encoding.includes('not UTF-8')) {
      notes.push({
        level: 'info',
        code: 'source-encoding',
        message: `${f.name}: read as ${f.encoding}; pass --encoding to choose another`,
      });
    }
    if (f.footerLines.length) {
      notes.push({
        level: 'info',
        code: 'footer-row',
        message: `${f.name}: the "Total" row${s(f.footerLines.length)} under the table (line${s(f.footerLines.length)} ${lines(f.footerLines)}) ${report.footerTotals.has(f.name) ? 'taken as the all-commodities total of the query' : 'passed over: not data'}`,
        count: f.footerLines.length,
      });
    }
    if (f.impliedWorld) {
      notes.push({
        level: 'warning',
        code: 'no-partner-column',
        message: `${f.name} has no partner column: every row is taken as the World total (all partners); if the file is one partner's, say which with --set partner=NAME`,
      });
    }
    for (const [field, { value, from }] of Object.entries(f.constants)) {
      // --set values are the user's own; a source's own (Census rows are US imports) show in the title.
      if (field === 'category' || from.startsWith('--set') || from === profileLabel(f.layout)) continue;
      notes.push({
        level: 'info',
        code: 'field-from-file',
        message: `${f.name}: ${field} "${value}" for every row, from ${from}`,
      });
    }
  }
  for (const d of Object.values(report.dimensions)) {
    if (d.detail) {
      notes.push({
        level: 'info',
        code: 'dimension-detail',
        message: `${d.detail} row${s(d.detail)} by ${d.label} left out: the total rows are used`,
        count: d.detail,
      });
    }
  }
  const c = report.codes;
  if (c.padded) {
    notes.push({
      level: 'info',
      code: 'hs-code-repadded',
      message: `${c.padded} HS code${s(c.padded)} of odd length got back the leading zero a spreadsheet drops (${c.examples.map((e) => `${e} is 0${e}`).join(', ')}${c.padded > c.examples.length ? ', ...' : ''}): HS codes have 2, 4, 6, 8 or 10 digits`,
      count: c.padded,
    });
  }
  if (c.otherLevel) {
    notes.push({
      level: 'info',
      code: 'other-hs-level',
      message: `${c.otherLevel} row${s(c.otherLevel)} at other HS levels left out (--hs-level)`,
      count: c.otherLevel,
    });
  }
  if (report.otherFlows.size) {
    const n = [...report.otherFlows.values()].reduce((a, v) => a + v, 0);
    notes.push({
      level: 'info',
      code: 'other-flows',
      message: `${n} row${s(n)} of other flows left out: ${[...report.otherFlows].map(([k, v]) => `${k} ${v}`).join(', ')} (only imports, exports, re-imports and re-exports are added)`,
      count: n,
    });
  }
  for (const [system, n] of report.otherClassification) {
    notes.push({
      level: 'warning',
      code: 'other-classification',
      message: `${n} row${s(n)} with ${systemLabel(system)} codes left out: the category has no ${systemLabel(system)} definition (its codes are HS)`,
      count: n,
    });
  }
  if (report.notMoney.size) {
    const n = [...report.notMoney.values()].reduce((a, v) => a + v, 0);
    notes.push({
      level: 'info',
      code: 'not-money',
      message: `${n} row${s(n)} whose unit is not US dollars left out (${[...report.notMoney.keys()]
        .slice(0, 4)
        .map((u) => JSON.stringify(u))
        .join(', ')}${report.notMoney.size > 4 ? ', ...' : ''})`,
      count: n,
    });
  }
  for (const d of report.delimiters) {
    notes.push({
      level: 'info',
      code: 'delimiter-found',
      message: `${d.file}: read as ${d.delimiter === '\t' ? 'tab' : JSON.stringify(d.delimiter)}-separated (its header has tabs and no commas); --delimiter chooses`,
    });
  }
  for (const t of report.codeTables) {
    notes.push({
      level: 'info',
      code: 'code-table',
      message: `${t.name}: a table of ${t.codes} country codes, read as a lookup for the codes of the data (not data)`,
    });
  }
  if (report.sheetsSkipped.length) {
    notes.push({
      level: 'info',
      code: 'sheets-skipped',
      message: `workbook sheet${s(report.sheetsSkipped.length)} not read: ${report.sheetsSkipped.join(', ')} (quantities, or not the sheet --measure names; --measure SHEET reads one)`,
      count: report.sheetsSkipped.length,
    });
  }
  return notes;
}
