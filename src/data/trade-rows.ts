import { InputError } from '../errors.js';
import { categoryKey } from './categories.js';
import { type ColumnMap, type Field, mapColumns } from './columns.js';
import type { InputSource } from './inputs.js';
import { explainBadNumber, type NumberFormat, parseDecimal, parseYear, trimCell } from './numbers.js';
import { lookupPartner, type Partner } from './partners.js';
import { type Dialect, readCsvRecords } from './read-csv.js';

/** Trade flows, from any source's spelling (Comtrade 1/2/3/4 and M/X/RX/RM, names). */
export type Flow = 'imports' | 'exports' | 're-imports' | 're-exports';
export const FLOWS: readonly Flow[] = ['imports', 'exports', 're-imports', 're-exports'];

const FLOW_NAMES: Readonly<Record<string, Flow>> = {
  m: 'imports',
  '1': 'imports',
  import: 'imports',
  imports: 'imports',
  'general imports': 'imports',
  'imports for consumption': 'imports',
  x: 'exports',
  '2': 'exports',
  export: 'exports',
  exports: 'exports',
  'domestic exports': 'exports',
  'total exports': 'exports',
  rx: 're-exports',
  '3': 're-exports',
  're-export': 're-exports',
  're-exports': 're-exports',
  rm: 're-imports',
  '4': 're-imports',
  're-import': 're-imports',
  're-imports': 're-imports',
};

/** The flow a cell names, or undefined when it names none. */
export function parseFlow(text: string): Flow | undefined {
  return FLOW_NAMES[text.trim().toLowerCase()];
}

/** One data row, typed: values in US dollars, partner resolved through the catalog. */
export interface TradeRow {
  file: string;
  line: number;
  year: number;
  partner: Partner;
  /** US dollars; undefined when the cell is empty or a missing/suppressed marker. */
  value: number | undefined;
  /** The marker found when value is undefined ("" for an empty cell). */
  marker?: string;
  /** The category column's label, as a key; undefined when the file has none or the cell is empty. */
  category?: string;
  /** HS code as written (a string: "0101" is not "101"). */
  code?: string;
  /** ISO alpha-2 when the reporter is a known country, else the text; "" when the file has no reporter. */
  reporter: string;
  /** undefined when the file has no flow column. */
  flow?: Flow;
  /** The source column's text, "" when there is none. */
  source: string;
  basis?: string;
  definition?: string;
  /** Power of ten of the file's value unit: the file's rounding, for tolerances. */
  valueScale: number;
}

/** How to read trade files. */
export interface ReadOptions {
  dialect: Dialect;
  numbers: NumberFormat;
  /** Value-cell markers meaning "no figure" (compared trimmed and case-insensitively). */
  missing: readonly string[];
  columns?: Partial<Record<Field, string>>;
  unit?: string;
}

/** What was read from one file. */
export interface FileStats {
  name: string;
  rows: number;
  encoding: string;
  unit: string;
  columns: Partial<Record<Field, string>>;
  /** Lines of blank rows between data rows (trailing blank lines are not listed). */
  blankLines: number[];
}

/** What the reader saw across all inputs; filled while rows stream. */
export interface ReadReport {
  files: FileStats[];
  rowsRead: number;
}

const isBlank = (fields: string[]): boolean => fields.every((f) => f.trim() === '');

/**
 * Streams typed trade rows from every input. Structural problems (ragged rows, bad numbers or years,
 * missing columns, malformed CSV) throw InputError with file, line and column; nothing is dropped silently.
 */
export async function* readTradeRows(
  inputs: InputSource[],
  options: ReadOptions,
  report: ReadReport,
): AsyncGenerator<TradeRow> {
  const markers = new Set(options.missing.map((m) => m.trim().toLowerCase()));
  const partners = new Map<string, Partner>();
  const reporters = new Map<string, string>();
  const resolvePartner = (text: string): Partner => {
    let p = partners.get(text);
    if (!p) {
      p = lookupPartner(text);
      partners.set(text, p);
    }
    return p;
  };
  for (const input of inputs) {
    let map: ColumnMap | undefined;
    let stats: FileStats | undefined;
    let pendingBlank: number[] = [];
    const meta = { encoding: options.dialect.encoding as string };
    for await (const { fields, line } of readCsvRecords(input, options.dialect, meta)) {
      if (!map) {
        map = headerMap(fields, line, input.name, options);
        stats = {
          name: input.name,
          rows: 0,
          encoding: meta.encoding,
          unit: map.unitFrom,
          columns: Object.fromEntries(
            Object.entries(map.index).map(([f, i]) => [f, map?.header[i as number] ?? '']),
          ) as FileStats['columns'],
          blankLines: [],
        };
        report.files.push(stats);
        continue;
      }
      const s = stats as FileStats;
      if (isBlank(fields)) {
        pendingBlank.push(line);
        continue;
      }
      if (pendingBlank.length) {
        s.blankLines.push(...pendingBlank);
        pendingBlank = [];
      }
      const width = map.header.length;
      if (fields.length !== width) {
        const column = Math.min(fields.length, width) + 1;
        throw new InputError(
          { file: input.name, line, column },
          `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${width}`,
          fields.length > width
            ? 'an unquoted comma inside a value (a thousands separator, "Korea, South") splits it in two: quote the value'
            : fields.length === 1
              ? 'a note or footnote line inside or below the table? remove it'
              : undefined,
          'ragged-row',
        );
      }
      s.rows++;
      report.rowsRead++;
      yield toTradeRow(fields, line, input.name, map, options, markers, resolvePartner, reporters);
    }
    if (!map)
      throw new InputError(
        { file: input.name },
        'empty file: no header and no rows',
        undefined,
        'empty-file',
      );
    if (stats?.rows === 0) {
      throw new InputError(
        { file: input.name, line: 2 },
        'no data rows: the file has a header only',
        undefined,
        'no-rows',
      );
    }
  }
}

function headerMap(fields: string[], line: number, file: string, options: ReadOptions): ColumnMap {
  if (isBlank(fields)) {
    throw new InputError({ file, line }, 'the first line is blank; expected the header row');
  }
  try {
    return mapColumns(fields, file, options.columns, options.unit);
  } catch (err) {
    if (err instanceof InputError && err.code === 'missing-column') {
      const sep = /^sep=(.)$/i.exec((fields[0] ?? '').trim());
      if (fields.length <= 2 && sep) {
        throw new InputError(
          { file, line },
          `the first line is Excel's "sep=${sep[1]}" line, not the header`,
          `remove that line${sep[1] === options.dialect.delimiter ? '' : ` and pass --delimiter '${sep[1]}'`}`,
          'missing-column',
        );
      }
      if (fields.length === 1 && (fields[0] ?? '').includes(';') && options.dialect.delimiter !== ';') {
        throw new InputError(
          { file, line },
          'the header is one column holding ";": the file is ;-separated',
          "pass --delimiter ';' (and --decimal , if numbers use a decimal comma)",
          'missing-column',
        );
      }
      if (fields.length <= 2) {
        throw new InputError(
          { file, line },
          `${err.detail}; the first line looks like a title, not a header`,
          'remove the title lines above the header',
          'missing-column',
        );
      }
    }
    throw err;
  }
}

function toTradeRow(
  fields: string[],
  line: number,
  file: string,
  map: ColumnMap,
  options: ReadOptions,
  markers: Set<string>,
  resolvePartner: (text: string) => Partner,
  reporters: Map<string, string>,
): TradeRow {
  const { index } = map;
  const cell = (field: Field): string | undefined => {
    const at = index[field];
    return at === undefined ? undefined : fields[at];
  };
  const where = (field: Field) => ({ file, line, column: (index[field] as number) + 1 });

  const yearText = cell('year') ?? '';
  const year = parseYear(yearText);
  if (year === undefined) {
    throw new InputError(where('year'), `year ${JSON.stringify(yearText)} is not a four-digit year`);
  }

  const valueText = cell('value') ?? '';
  let value: number | undefined;
  let marker: string | undefined;
  const trimmed = trimCell(valueText);
  if (trimmed === '' || markers.has(trimmed.toLowerCase())) {
    marker = trimmed;
  } else {
    value = parseDecimal(valueText, options.numbers, map.valueScale);
    if (value === undefined) {
      const { detail, hint } = explainBadNumber(valueText, options.numbers);
      throw new InputError(where('value'), detail, hint, 'bad-number');
    }
  }

  const codeText = cell('partner_code')?.trim();
  const nameText = cell('partner')?.trim();
  let partner = codeText ? resolvePartner(codeText) : undefined;
  if ((!partner || partner.kind === 'unknown') && nameText) {
    const byName = resolvePartner(nameText);
    if (!partner || byName.kind !== 'unknown') partner = byName;
  }
  if (!partner) {
    throw new InputError(where(index.partner !== undefined ? 'partner' : 'partner_code'), 'partner is empty');
  }

  const reporterText = cell('reporter')?.trim() ?? '';
  let reporter = reporters.get(reporterText);
  if (reporter === undefined) {
    const p = reporterText ? resolvePartner(reporterText) : undefined;
    reporter = p?.kind === 'country' ? p.code : reporterText;
    reporters.set(reporterText, reporter);
  }

  let flow: Flow | undefined;
  const flowText = cell('flow');
  if (flowText !== undefined) {
    flow = parseFlow(flowText);
    if (!flow) {
      throw new InputError(
        where('flow'),
        `flow ${JSON.stringify(flowText)} is not a trade flow`,
        'expected imports/exports, M/X/RM/RX or 1/2/3/4',
      );
    }
  }

  const categoryText = cell('category')?.trim();
  const code = cell('code')?.trim();
  return {
    file,
    line,
    year,
    partner,
    value,
    marker,
    category: categoryText ? categoryKey(categoryText) : undefined,
    code: code || undefined,
    reporter,
    flow,
    source: cell('source')?.trim() ?? '',
    basis: cell('basis')?.trim() || undefined,
    definition: cell('definition')?.trim() || undefined,
    valueScale: map.valueScale,
  };
}
