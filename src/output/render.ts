import type { ChalkInstance } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../errors.js';
import type { Format } from './formats.js';
import { jsonChunks } from './json-writer.js';
import { csvCellSafe, escapeJsonText } from './safe.js';
import { renderMarkdown, renderTable, type TextTable } from './text-table.js';

export {
  CHART_FORMATS,
  FORMATS,
  type Format,
  TABLE_FORMATS,
  UNIT_STYLES,
  type UnitStyle,
} from './formats.js';

/** A CSV cell: a raw number, text, a flag, or null for an empty cell. */
export type CsvCell = string | number | bigint | boolean | null;

/** CSV records with their header: raw numbers, null for an empty cell. */
export interface CsvRecords {
  header: string[];
  records: CsvCell[][];
}

/**
 * The records with the question's own columns first (year, category, flow, ...), the same on every
 * record: results of several years or categories stack into one table, and each JSON Lines record says
 * what it is a figure of.
 */
export function withContext(context: Array<[string, CsvCell]>, csv: CsvRecords): CsvRecords {
  const names = context.map(([name]) => name);
  const values = context.map(([, value]) => value);
  return { header: [...names, ...csv.header], records: csv.records.map((r) => [...values, ...r]) };
}

/**
 * A result in every form it offers; `render` picks one. Each part is drawn only when its format is asked
 * for, and `formats` says which are offered (a command's --format choices are the same list).
 */
export interface Renderable {
  /** The command, named when a format it does not offer is asked for. */
  command: string;
  formats: readonly Format[];
  json: () => object;
  csv?: () => CsvRecords;
  /** The people's table: `table`, and `markdown` unless the result writes its own. */
  table?: () => TextTable;
  /** Lines for people from a result that is no table: `text`, and `table` when there is no TextTable. */
  lines?: (c: ChalkInstance) => string;
  markdown?: () => string;
  svg?: () => string;
  github?: (c: ChalkInstance) => string;
  junit?: () => string;
}

/** How a result is written besides its format: CSV cells kept raw (--csv-raw), the terminal's width. */
export interface RenderOptions {
  csvRaw?: boolean;
  /** The terminal's columns: a people's table wider than this is folded to fit; undefined draws it whole. */
  width?: number;
}

/**
 * A result in the chosen format, in pieces: JSON is written as it is made (jsonChunks), never as one
 * string, so an output of any size can be written; CSV in batches of records; every other format is one piece.
 */
export function* renderChunks(
  r: Renderable,
  format: Format,
  c: ChalkInstance,
  opts: RenderOptions = {},
): Generator<string> {
  if (format === 'json' && r.formats.includes(format)) yield* jsonChunks(r.json());
  else if (format === 'jsonl' && r.formats.includes(format)) {
    const { header, records } = part(r, 'csv')();
    yield* jsonlChunks(r.command, header, records);
  } else if (format === 'csv' && r.formats.includes(format)) {
    const { header, records } = part(r, 'csv')();
    yield* csvChunks(header, records, opts.csvRaw);
  } else yield render(r, format, c, opts);
}

/** Renders a result in the chosen format: the one switch on --format. */
export function render(r: Renderable, format: Format, c: ChalkInstance, opts: RenderOptions = {}): string {
  if (!r.formats.includes(format)) {
    throw new UsageError(`${r.command} has no ${format} output`, `use one of ${r.formats.join(', ')}`);
  }
  switch (format) {
    case 'json':
      return renderJson(r.json());
    case 'jsonl': {
      const { header, records } = part(r, 'csv')();
      return [...jsonlChunks(r.command, header, records)].join('');
    }
    case 'csv': {
      const { header, records } = part(r, 'csv')();
      return renderCsv(header, records, opts.csvRaw);
    }
    case 'markdown':
      return r.markdown ? r.markdown() : renderMarkdown(part(r, 'table')());
    case 'table':
      return r.table ? renderTable(r.table(), c, opts.width) : part(r, 'lines')(c);
    case 'text':
      return part(r, 'lines')(c);
    case 'svg':
      return part(r, 'svg')();
    case 'github':
      return part(r, 'github')(c);
    case 'junit':
      return part(r, 'junit')();
  }
}

/** The part of `r` a format is drawn from; a format offered without it is a bug in korus-stats. */
function part<K extends keyof Renderable>(r: Renderable, key: K): NonNullable<Renderable[K]> {
  const p = r[key];
  if (p === undefined) throw new Error(`${r.command} offers a format it has no ${key} for`);
  return p as NonNullable<Renderable[K]>;
}

/**
 * The CSV records as JSON Lines: one object per record, keyed by the CSV header and led by the command,
 * numbers raw (a BigInt with every digit), in pieces of a few thousand lines.
 */
export function* jsonlChunks(
  command: string,
  header: string[],
  records: CsvRecords['records'],
): Generator<string> {
  for (let i = 0; i < records.length; i += CSV_BATCH) {
    let text = '';
    for (const rec of records.slice(i, i + CSV_BATCH)) {
      const o: Record<string, CsvCell> = { command };
      header.forEach((name, k) => {
        o[name] = rec[k] ?? null;
      });
      text += jsonLine(o);
    }
    yield text;
  }
}

/** One flat record as one line of compact JSON (a BigInt with every digit), escaped as every JSON output is. */
function jsonLine(o: Record<string, CsvCell>): string {
  let line = '{';
  for (const [k, v] of Object.entries(o)) {
    if (line.length > 1) line += ',';
    line += `${JSON.stringify(k)}:`;
    line +=
      typeof v === 'bigint'
        ? v.toString()
        : typeof v === 'number'
          ? Number.isFinite(v)
            ? String(v)
            : 'null'
          : JSON.stringify(v);
  }
  return `${escapeJsonText(`${line}}`)}\n`;
}

/** Records as CSV in pieces of a few thousand records, the header first: never one string of them all. */
export function* csvChunks(header: string[], records: CsvRecords['records'], raw = false): Generator<string> {
  yield renderCsv(header, [], raw);
  for (let i = 0; i < records.length; i += CSV_BATCH) {
    yield renderCsv(null, records.slice(i, i + CSV_BATCH), raw);
  }
}

const CSV_BATCH = 2000;

/**
 * Renders records as CSV with a header row (none when null); raw numbers, empty cells for nulls, a BigInt
 * (a whole-dollar figure past 2^53) with every digit. A text cell a spreadsheet would run as a formula
 * gets a leading ' unless `raw` (--csv-raw).
 */
export function renderCsv(header: string[] | null, records: CsvRecords['records'], raw = false): string {
  const cell = (v: CsvRecords['records'][number][number]) =>
    v === null ? '' : typeof v === 'bigint' ? v.toString() : v;
  const rows = records.map((r) => r.map(cell));
  return stringify(header ? [header, ...rows] : rows, {
    record_delimiter: 'unix',
    cast: {
      number: (n) => String(n),
      boolean: (b) => (b ? 'true' : 'false'),
      string: raw ? (s) => s : csvCellSafe,
    },
    // A cell that would start a line with `::` (a workflow command, in a CI log) is quoted: same value.
    quoted_match: /^\s*::/,
  });
}

/** Pretty JSON with a trailing newline (BigInts as integer literals): the documented, stable output. */
export function renderJson(value: unknown): string {
  return [...jsonChunks(value)].join('');
}
