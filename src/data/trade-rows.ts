import { InputError, type Location, UsageError } from '../errors.js';
import { type CategoryDef, categoryKey, hsMatches } from './categories.js';
import { type ColumnMap, type Field, mapColumns } from './columns.js';
import { type DecodeState, decodeToUtf8 } from './decode.js';
import { FieldCache, type FieldReader, StringRecord } from './field-cache.js';
import type { InputSource } from './inputs.js';
import { explainBadNumber, type NumberFormat, parseDecimal, parseYear, trimCell } from './numbers.js';
import { lookupPartner, type Partner } from './partners.js';
import { type Dialect, readCsvRecords } from './read-csv.js';
import { CsvScanner, decodeError } from './scan-csv.js';

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
  /** How the row matched the reader's category filter, when it had one. */
  match?: 'category-column' | 'hs-code';
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

/** Which parser reads the CSV: the byte scanner (fast), csv-parse (the reference), or auto (the scanner when it can). */
export const PARSERS = ['auto', 'fast', 'csv-parse'] as const;
export type ParserChoice = (typeof PARSERS)[number];

/** How to read trade files. */
export interface ReadOptions {
  dialect: Dialect;
  numbers: NumberFormat;
  /** Value-cell markers meaning "no figure" (compared trimmed and case-insensitively). */
  missing: readonly string[];
  columns?: Partial<Record<Field, string>>;
  unit?: string;
  parser?: ParserChoice;
  /** Called after each chunk with the bytes read so far (of all inputs) and the rows. */
  onProgress?: (bytes: number, rows: number) => void;
}

/**
 * Which rows an analysis needs. Rows outside it are counted as filtered and not decoded further (their
 * values and partners are not read), which is what makes large files fast; `validate` checks every row.
 */
export interface RowFilter {
  category?: CategoryDef;
  flow?: Flow;
  reporter?: string;
  source?: string;
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
  /** Rows left out by the RowFilter (counted, not decoded). */
  rowsFiltered: number;
  /** Category labels met in category columns, for "did you mean". */
  categoriesSeen: Set<string>;
  /** Rows with an HS code and no category label. */
  hsCodedRows: number;
  /** Which parser read the files. */
  parser: 'fast' | 'csv-parse';
}

/** A fresh, empty report. */
export function newReport(): ReadReport {
  return {
    files: [],
    rowsRead: 0,
    rowsFiltered: 0,
    categoriesSeen: new Set(),
    hsCodedRows: 0,
    parser: 'fast',
  };
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
  for await (const batch of rowBatches(inputs, options, report, filter)) for (const row of batch) onRow(row);
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
  const choice = options.parser ?? 'auto';
  const fast = choice === 'fast' || (choice === 'auto' && scannerFits(options.dialect));
  if (choice === 'fast' && !scannerFits(options.dialect)) {
    throw new UsageError(
      `--parser fast needs a one-byte ASCII delimiter, not ${JSON.stringify(options.dialect.delimiter)}`,
    );
  }
  report.parser = fast ? 'fast' : 'csv-parse';
  const shared = new SharedCaches(options, filter);
  let bytesBefore = 0;
  for (const input of inputs) {
    let batch: TradeRow[] = [];
    const file = new TradeFile(input.name, options, report, filter, shared, (row) => batch.push(row));
    const meta = { encoding: options.dialect.encoding as string };
    if (fast) {
      const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: options.dialect.encoding };
      const scanner = new CsvScanner(input.name, options.dialect.delimiter.charCodeAt(0), (rec) =>
        file.record(rec, meta),
      );
      for await (const chunk of decodeToUtf8(input.open(), options.dialect.encoding, state)) {
        meta.encoding = state.encoding;
        try {
          scanner.push(chunk);
        } finally {
          if (batch.length) yield batch;
          batch = [];
        }
        options.onProgress?.(bytesBefore + state.bytesIn, report.rowsRead);
      }
      if (state.problem) {
        const line = scanner.lineAtEnd();
        try {
          scanner.endAtCut();
        } finally {
          if (batch.length) yield batch;
        }
        throw decodeError(input.name, state.problem, line);
      }
      scanner.end();
      bytesBefore += state.bytesIn;
    } else {
      let n = 0;
      try {
        for await (const { fields, line } of readCsvRecords(input, options.dialect, meta)) {
          file.record(new StringRecord(fields, line), meta);
          if (++n % 4096 === 0) {
            yield batch;
            batch = [];
            options.onProgress?.(bytesBefore, report.rowsRead);
          }
        }
      } finally {
        // The rows before an error are handed on before it, as the scanner path does.
        if (batch.length) yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    file.finish();
  }
}

/** Caches that hold across files: partner and reporter lookups, the category test of an HS code. */
class SharedCaches {
  readonly partner = new FieldCache<Partner | undefined>((t) => {
    const text = t.trim();
    return text ? lookupPartner(text) : undefined;
  });
  readonly reporter = new FieldCache<string>((t) => {
    const text = t.trim();
    const p = text ? lookupPartner(text) : undefined;
    return p?.kind === 'country' ? p.code : text;
  });
  readonly flow = new FieldCache<Flow | undefined>(parseFlow);
  readonly category = new FieldCache<string | undefined>((t) => {
    const text = t.trim();
    return text ? categoryKey(text) : undefined;
  });
  readonly code: FieldCache<{ code: string | undefined; matches: boolean }>;
  readonly text = new FieldCache<string | undefined>((t) => t.trim() || undefined);
  readonly markers: Set<string>;
  /** Whether some missing marker is all digits (then digit cells must be checked against the markers). */
  readonly digitMarker: boolean;
  /** 1 for each two-digit start (00-99) that one of the filter category's HS prefixes has. */
  readonly hsLeads = new Uint8Array(100);

  constructor(options: ReadOptions, filter: RowFilter) {
    this.markers = new Set(options.missing.map((m) => trimCell(m).toLowerCase()));
    this.digitMarker = [...this.markers].some((m) => /^\d+$/.test(m));
    const def = filter.category;
    for (const prefix of def?.hs ?? []) this.hsLeads[Number(prefix.slice(0, 2))] = 1;
    this.code = new FieldCache((t) => {
      const code = t.trim() || undefined;
      return { code, matches: def !== undefined && code !== undefined && hsMatches(code, def) };
    });
  }
}

/** Reads one file's records: the header, then rows, with the per-file counts. */
class TradeFile {
  private map: ColumnMap | undefined;
  private stats: FileStats | undefined;
  private pendingBlank: number[] = [];
  private index: Partial<Record<Field, number>> = {};
  // Column positions as plain numbers (-1: no such column), read once per row on the hot path.
  private yearCol = -1;
  private flowCol = -1;
  private categoryCol = -1;
  private codeCol = -1;
  private reporterCol = -1;
  private sourceCol = -1;
  private valueCol = -1;
  private partnerCol = -1;
  private partnerCodeCol = -1;
  private basisCol = -1;
  private definitionCol = -1;

  constructor(
    private readonly name: string,
    private readonly options: ReadOptions,
    private readonly report: ReadReport,
    private readonly filter: RowFilter,
    private readonly caches: SharedCaches,
    private readonly onRow: (row: TradeRow) => void,
  ) {}

  record(r: FieldReader, meta: { encoding: string }): void {
    const map = this.map;
    if (!map) {
      this.header(r, meta);
      return;
    }
    if (r.isBlank()) {
      this.pendingBlank.push(r.line);
      return;
    }
    const stats = this.stats as FileStats;
    if (this.pendingBlank.length) {
      stats.blankLines.push(...this.pendingBlank);
      this.pendingBlank = [];
    }
    const width = map.header.length;
    if (r.count !== width) throw raggedRow(this.name, r.line, r.count, width);
    stats.rows++;
    this.report.rowsRead++;
    const row = this.row(r, map);
    if (row) this.onRow(row);
    else this.report.rowsFiltered++;
  }

  finish(): void {
    if (!this.map) {
      throw new InputError({ file: this.name }, 'empty file: no header and no rows', undefined, 'empty-file');
    }
    if (this.stats?.rows === 0) {
      throw new InputError(
        { file: this.name, line: 2 },
        'no data rows: the file has a header only',
        undefined,
        'no-rows',
      );
    }
    for (const c of this.caches.category.values()) if (c !== undefined) this.report.categoriesSeen.add(c);
  }

  private header(r: FieldReader, meta: { encoding: string }): void {
    const fields = Array.from({ length: r.count }, (_, i) => r.text(i));
    const map = headerMap(fields, r.line, this.name, this.options);
    this.map = map;
    this.index = map.index;
    const at = (f: Field) => map.index[f] ?? -1;
    this.yearCol = at('year');
    this.flowCol = at('flow');
    this.categoryCol = at('category');
    this.codeCol = at('code');
    this.reporterCol = at('reporter');
    this.sourceCol = at('source');
    this.valueCol = at('value');
    this.partnerCol = at('partner');
    this.partnerCodeCol = at('partner_code');
    this.basisCol = at('basis');
    this.definitionCol = at('definition');
    this.stats = {
      name: this.name,
      rows: 0,
      encoding: meta.encoding,
      unit: map.unitFrom,
      columns: Object.fromEntries(
        Object.entries(map.index).map(([f, i]) => [f, map.header[i as number] ?? '']),
      ) as FileStats['columns'],
      blankLines: [],
    };
    this.report.files.push(this.stats);
  }

  private where(field: Field, line: number): Location {
    return { file: this.name, line, column: (this.index[field] as number) + 1 };
  }

  /** The row, or undefined when the filter leaves it out. Cells are read in order of cheapness. */
  private row(r: FieldReader, map: ColumnMap): TradeRow | undefined {
    const { caches, filter, name: file } = this;
    const line = r.line;

    const yi = this.yearCol;
    const y = r.digits(yi);
    const year = y >= 1000 && y <= 9999 ? y : parseYear(r.text(yi));
    if (year === undefined) {
      throw new InputError(
        this.where('year', line),
        `year ${JSON.stringify(r.text(yi))} is not a four-digit year`,
      );
    }

    // Category first: it leaves out the most rows.
    const category = this.categoryCol >= 0 ? r.cached(this.categoryCol, caches.category) : undefined;
    if (category === undefined && this.codeCol >= 0 && filter.category) {
      // An HS code whose first two digits no prefix of the category starts with is out, without a lookup.
      const lead = r.lead2(this.codeCol);
      if (lead >= 0 && caches.hsLeads[lead] === 0) {
        this.report.hsCodedRows++;
        return undefined;
      }
    }
    const coded = this.codeCol >= 0 ? r.cached(this.codeCol, caches.code) : undefined;
    if (category === undefined && coded?.code !== undefined) this.report.hsCodedRows++;
    let match: TradeRow['match'];
    if (filter.category) {
      if (category !== undefined) {
        if (category !== filter.category.name) return undefined;
        match = 'category-column';
      } else {
        if (!coded?.matches) return undefined;
        match = 'hs-code';
      }
    }

    let flow: Flow | undefined;
    if (this.flowCol >= 0) {
      flow = r.cached(this.flowCol, caches.flow);
      if (!flow) {
        throw new InputError(
          this.where('flow', line),
          `flow ${JSON.stringify(r.text(this.flowCol))} is not a trade flow`,
          'expected imports/exports, M/X/RM/RX or 1/2/3/4',
        );
      }
      if (filter.flow !== undefined && flow !== filter.flow) return undefined;
    }

    const reporter = this.reporterCol >= 0 ? r.cached(this.reporterCol, caches.reporter) : '';
    if (filter.reporter !== undefined && reporter !== filter.reporter) return undefined;
    const source = this.sourceCol >= 0 ? (r.cached(this.sourceCol, caches.text) ?? '') : '';
    if (filter.source !== undefined && source.toLowerCase() !== filter.source.toLowerCase()) return undefined;

    // The row is wanted: read its value and partner.
    const vi = this.valueCol;
    let value: number | undefined;
    let marker: string | undefined;
    const d = caches.digitMarker ? -1 : r.digits(vi);
    const scaled = d * 10 ** map.valueScale;
    if (d >= 0 && scaled <= Number.MAX_SAFE_INTEGER) value = scaled;
    else {
      const valueText = r.text(vi);
      const trimmed = trimCell(valueText);
      if (trimmed === '' || caches.markers.has(trimmed.toLowerCase())) marker = trimmed;
      else {
        value = parseDecimal(valueText, this.options.numbers, map.valueScale);
        if (value === undefined) {
          const { detail, hint } = explainBadNumber(valueText, this.options.numbers);
          throw new InputError(this.where('value', line), detail, hint, 'bad-number');
        }
      }
    }

    let partner = this.partnerCodeCol >= 0 ? r.cached(this.partnerCodeCol, caches.partner) : undefined;
    if ((!partner || partner.kind === 'unknown') && this.partnerCol >= 0) {
      const byName = r.cached(this.partnerCol, caches.partner);
      if (byName && (!partner || byName.kind !== 'unknown')) partner = byName;
    }
    if (!partner) {
      throw new InputError(
        this.where(this.partnerCol >= 0 ? 'partner' : 'partner_code', line),
        'partner is empty',
      );
    }

    return {
      file,
      line,
      year,
      partner,
      value,
      marker,
      category,
      code: coded?.code,
      match,
      reporter,
      flow,
      source,
      basis: this.basisCol >= 0 ? r.cached(this.basisCol, caches.text) : undefined,
      definition: this.definitionCol >= 0 ? r.cached(this.definitionCol, caches.text) : undefined,
      valueScale: map.valueScale,
    };
  }
}

function raggedRow(file: string, line: number, count: number, width: number): InputError {
  return new InputError(
    { file, line, column: Math.min(count, width) + 1 },
    `row has ${count} field${count === 1 ? '' : 's'}, the header has ${width}`,
    count > width
      ? 'an unquoted comma inside a value (a thousands separator, "Korea, South") splits it in two: quote the value'
      : count === 1
        ? 'a note or footnote line inside or below the table? remove it'
        : undefined,
    'ragged-row',
  );
}

function headerMap(fields: string[], line: number, file: string, options: ReadOptions): ColumnMap {
  if (fields.every((f) => /^[ \t]*$/.test(f))) {
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
