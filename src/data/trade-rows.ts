import type { Note } from '../core/notes.js';
import { InputError, KorusError, type Location, UsageError } from '../errors.js';
import { type CategoryDef, categoryKey, hsMatches } from './categories.js';
import { type ColumnMap, type Field, mapColumns, UNITS, unitFromHeader } from './columns.js';
import { type DecodeState, decodeToUtf8 } from './decode.js';
import { FieldCache, type FieldReader, StringRecord } from './field-cache.js';
import type { InputSource } from './inputs.js';
import { CANONICAL, detectLayout, type Layout, type LayoutName, layoutByName } from './layouts.js';
import { explainBadNumber, type NumberFormat, parseDecimal, parseYear, trimCell } from './numbers.js';
import { lookupPartner, type Partner } from './partners.js';
import { type Dialect, readCsvRecords } from './read-csv.js';
import { looksLikeJsonTable, peekInput, readJsonRecords } from './read-json.js';
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
  /** 1-12 for a month's figure, 0 (or absent) for a year's. */
  month?: number;
  /** The value is cumulative from January (Census *_YR): the December row is the year. */
  cumulative?: boolean;
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
  /** The layout to read files as; default: detected from each header. */
  layout?: LayoutName | 'auto';
  /** Values for fields the files lack, the same for every row (`--set category=apparel`). */
  set?: Partial<Record<Field, string>>;
  /** Lines above the header to pass over (title lines), listed in a warning. */
  skipLines?: number;
  /** Use only HS codes of this many digits (when a file holds several levels). */
  hsLevel?: number;
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
  /** The layout the file was read as (detected from its header, or --layout). */
  layout: LayoutName;
  unit: string;
  columns: Partial<Record<Field, string>>;
  /** Lines of blank rows between data rows (trailing blank lines are not listed). */
  blankLines: number[];
  /** The header's line (after metadata or title lines). */
  headerLine: number;
  /** Lines above the header that were passed over (a source's metadata, or --skip-lines). */
  skippedLines: number[];
}

/** Rows of one hidden dimension: its total rows (used) and its detail rows (left out). */
export interface DimensionStats {
  label: string;
  total: number;
  detail: number;
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
  /** Hidden dimensions met (partner2, mot, customs), by field. */
  dimensions: Partial<Record<Field, DimensionStats>>;
  /** HS codes of odd length (a lost leading zero?), re-padded (DataWeb), and left out by --hs-level. */
  codes: { odd: number; padded: number; otherLevel: number };
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
    dimensions: {},
    codes: { odd: 0, padded: 0, otherLevel: 0 },
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
  // The rows are handed on as the scanner finds them, in one object refilled for each row: a consumer
  // keeps what it needs of a row, never the row (readTradeRows gives rows to keep).
  report.parser = parserFor(options);
  const shared = new SharedCaches(options, filter);
  let bytesBefore = 0;
  for (const input of inputs) {
    const file = new TradeFile(input.name, options, report, filter, shared, onRow, true);
    const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
    for await (const bytes of eachRecord(input, options, (r) => file.record(r, meta), meta)) {
      options.onProgress?.(bytesBefore + bytes, report.rowsRead);
    }
    bytesBefore += meta.bytes ?? 0;
    file.finish();
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
  const shared = new SharedCaches(options, filter);
  let bytesBefore = 0;
  for (const input of inputs) {
    let batch: TradeRow[] = [];
    const file = new TradeFile(input.name, options, report, filter, shared, (row) => batch.push(row));
    const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
    try {
      for await (const bytes of eachRecord(input, options, (r) => file.record(r, meta), meta)) {
        if (batch.length) yield batch;
        batch = [];
        options.onProgress?.(bytesBefore + bytes, report.rowsRead);
      }
    } finally {
      // The rows before an error are handed on before it.
      if (batch.length) yield batch;
    }
    bytesBefore += meta.bytes ?? 0;
    file.finish();
  }
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

/**
 * Hands every record of one input to `onRecord`, with either parser, or from a JSON table (the Census
 * API's answer, read whole); yields the bytes read so far after each chunk, so a caller can pass on what
 * the records made. Malformed CSV and bad bytes throw InputError after the records before them.
 */
export async function* eachRecord(
  given: InputSource,
  options: ReadOptions,
  onRecord: (r: FieldReader) => void,
  meta: { encoding: string; bytes?: number },
): AsyncGenerator<number> {
  // The byte scanner copies what it keeps of a chunk, so its reader may reuse one buffer; csv-parse may not.
  const fast = parserFor(options) === 'fast';
  const { head, input } = await peekInput(given, { reuse: fast });
  if (looksLikeJsonTable(head)) {
    meta.encoding = `${options.dialect.encoding} (JSON)`;
    for (const { fields, line } of await readJsonRecords(input, options.dialect.encoding)) {
      onRecord(new StringRecord(fields, line));
    }
    yield 0;
    return;
  }
  if (fast) {
    const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: options.dialect.encoding };
    const scanner = new CsvScanner(input.name, options.dialect.delimiter.charCodeAt(0), onRecord);
    for await (const chunk of decodeToUtf8(input.open(), options.dialect.encoding, state)) {
      meta.encoding = state.encoding;
      meta.bytes = state.bytesIn;
      try {
        scanner.push(chunk);
      } finally {
        yield state.bytesIn;
      }
    }
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
  for await (const { fields, line } of readCsvRecords(input, options.dialect, meta)) {
    onRecord(new StringRecord(fields, line));
    if (++n % 4096 === 0) yield 0;
  }
}

/** What is known of an HS code cell: the code, whether the filter's category has it, and its length check. */
interface CodeInfo {
  code: string | undefined;
  matches: boolean;
  /** Digits only, odd length: it looks like it lost a leading zero. */
  odd: boolean;
  /** A lost leading zero was put back (DataWeb). */
  padded: boolean;
}

/** Caches that hold across files: partner and reporter lookups, the category test of an HS code. */
export class SharedCaches {
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
  readonly code: FieldCache<CodeInfo>;
  /** DataWeb's HTS numbers: an odd-length code gets its lost leading zero back. */
  readonly paddedCode: FieldCache<CodeInfo>;
  readonly dimensionTotal = new FieldCache<boolean>(isDimensionTotal);
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
    const info = (code: string | undefined, odd: boolean, padded: boolean): CodeInfo => ({
      code,
      matches: def !== undefined && code !== undefined && hsMatches(code, def),
      odd,
      padded,
    });
    this.code = new FieldCache((t) => {
      const code = t.trim() || undefined;
      return info(code, code !== undefined && /^\d+$/.test(code) && code.length % 2 === 1, false);
    });
    this.paddedCode = new FieldCache((t) => {
      const code = t.trim() || undefined;
      const odd = code !== undefined && /^\d+$/.test(code) && code.length % 2 === 1;
      return info(odd ? `0${code}` : code, false, odd);
    });
  }
}

/** Reads one file's records: the header (found past a source's metadata lines), then rows, with the counts. */
export class TradeFile {
  private map: ColumnMap | undefined;
  private stats: FileStats | undefined;

  /** The header's column map, once the header has been read. */
  get columns(): ColumnMap | undefined {
    return this.map;
  }

  /** What was read of the file so far. */
  get fileStats(): FileStats | undefined {
    return this.stats;
  }

  /** The layout the file is read as. */
  get layoutName(): LayoutName {
    return this.layout.name;
  }
  private layout: Layout = CANONICAL;
  private pendingBlank: number[] = [];
  /** Records seen before the header, while looking for it past metadata lines. */
  private early: Array<{ fields: string[]; line: number }> = [];
  private firstError: InputError | undefined;
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
  private monthCol = -1;
  private periodCol = -1;
  private levelCol = -1;
  private dims: Array<{ col: number; stats: DimensionStats }> = [];
  /** Per-file constants: --set values and the layout's own (Census rows are US imports). */
  private constant: {
    flow?: Flow;
    reporter?: string;
    source?: string;
    basis?: string;
    definition?: string;
    category?: string;
    partner?: Partner;
  } = {};
  private cumulative = false;
  private hsLevel = -1;
  private codeCache: FieldCache<CodeInfo>;

  constructor(
    private readonly name: string,
    private readonly options: ReadOptions,
    private readonly report: ReadReport,
    private readonly filter: RowFilter,
    private readonly caches: SharedCaches,
    private readonly onRow: (row: TradeRow) => void,
    /** Refill one row object for every row (the consumer does not keep rows). */
    private readonly reuseRows = false,
  ) {
    this.hsLevel = options.hsLevel ?? -1;
    this.codeCache = caches.code;
  }

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
    if (map.echoes.length) this.checkEchoes(r, map);
    if (map.wide.length) {
      for (const { column, year } of map.wide) this.observe(r, map, year, column);
    } else {
      this.observe(r, map, -1, this.valueCol);
    }
  }

  private checkEchoes(r: FieldReader, map: ColumnMap): void {
    for (const [a, b] of map.echoes) {
      if (r.text(a) !== r.text(b)) {
        throw new InputError(
          { file: this.name, line: r.line, column: b + 1 },
          `column ${b + 1} repeats the header "${map.header[a]}" of column ${a + 1} but holds ${JSON.stringify(r.text(b))}, not ${JSON.stringify(r.text(a))}`,
          undefined,
          'echo-mismatch',
        );
      }
    }
  }

  /** One observation (a row, or one year cell of a wide row): counted, filtered or handed on. */
  private observe(r: FieldReader, map: ColumnMap, year: number, valueCol: number): void {
    (this.stats as FileStats).rows++;
    this.report.rowsRead++;
    const row = this.row(r, map, year, valueCol);
    if (row) this.onRow(row);
    else this.report.rowsFiltered++;
  }

  finish(): void {
    if (!this.map) {
      if (this.firstError) throw this.firstError;
      throw new InputError({ file: this.name }, 'empty file: no header and no rows', undefined, 'empty-file');
    }
    if (this.stats?.rows === 0) {
      const line = (this.stats.headerLine ?? 1) + 1;
      throw new InputError(
        { file: this.name, line },
        'no data rows: the file has a header only',
        undefined,
        'no-rows',
      );
    }
    for (const c of this.caches.category.values()) if (c !== undefined) this.report.categoriesSeen.add(c);
  }

  private header(r: FieldReader, meta: { encoding: string }): void {
    const fields = Array.from({ length: r.count }, (_, i) => r.text(i));
    const skip = this.options.skipLines ?? 0;
    if (r.line <= skip) {
      this.early.push({ fields, line: r.line });
      return;
    }
    const chosen =
      this.options.layout && this.options.layout !== 'auto' ? layoutByName(this.options.layout) : undefined;
    const layout = chosen ?? detectLayout(fields);
    let map: ColumnMap;
    try {
      map = headerMap(fields, r.line, this.name, this.options, layout, skip > 0 || this.early.length > 0);
    } catch (err) {
      // A source's metadata lines above the header (DataWeb, OTEXA): keep looking a few lines down. A
      // header that is recognisably a source's but lacks a field is that field's problem, not a title's.
      if (this.early.length > 0 && layout !== CANONICAL && err instanceof InputError) throw err;
      if (!(err instanceof InputError) || err.code !== 'missing-column' || this.early.length >= 10) {
        throw this.firstError ?? err;
      }
      this.firstError ??= err;
      this.early.push({ fields, line: r.line });
      return;
    }
    if (this.early.length > skip && !layout.wide && !skip)
      throw this.firstError ?? new InputError({ file: this.name, line: 1 }, 'no header');
    this.layout = layout;
    this.codeCache = layout.padHs ? this.caches.paddedCode : this.caches.code;
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
    this.monthCol = at('month');
    this.periodCol = this.monthCol >= 0 ? -1 : at('period');
    this.levelCol = at('level');
    for (const d of DIMENSIONS) {
      const col = at(d.field);
      if (col < 0) continue;
      const stats = this.report.dimensions[d.field] ?? {
        label: `${d.label} (${map.header[col]})`,
        total: 0,
        detail: 0,
      };
      this.report.dimensions[d.field] = stats;
      this.dims.push({ col, stats });
    }
    this.setConstants(map, layout);
    const valueHeader = this.valueCol >= 0 ? (map.header[this.valueCol] ?? '') : '';
    this.cumulative = layout.cumulative?.(valueHeader) ?? false;
    const metadata = this.early.map((e) => e.line);
    let unitFrom = map.unitFrom;
    if (map.wide.length && this.options.unit === undefined) {
      // OTEXA states its unit above the table ("Data in Million $").
      const text = this.early.map((e) => e.fields.join(' ')).join(' ');
      const scale = unitFromHeader(text);
      if (scale !== undefined) {
        map.valueScale = scale;
        unitFrom = `the metadata lines above the header (${Object.keys(UNITS).find((u) => UNITS[u] === scale)} US$)`;
      }
    }
    this.stats = {
      name: this.name,
      rows: 0,
      encoding: meta.encoding,
      layout: layout.name,
      unit: unitFrom,
      columns: Object.fromEntries(
        Object.entries(map.index).map(([f, i]) => [f, map.header[i as number] ?? '']),
      ) as FileStats['columns'],
      blankLines: [],
      headerLine: r.line,
      skippedLines: metadata,
    };
    this.report.files.push(this.stats);
  }

  private setConstants(map: ColumnMap, layout: Layout): void {
    const set = { ...layout.constants, ...this.options.set };
    const c = this.constant;
    for (const [field, value] of Object.entries(set) as Array<[Field, string]>) {
      if (map.index[field] !== undefined) {
        if (this.options.set?.[field] === undefined) continue; // the file's own column wins over the layout's
        throw new UsageError(
          `--set ${field}=${value}: ${this.name} has a ${field} column ("${map.header[map.index[field] as number]}"); --set is for fields a file lacks`,
        );
      }
      if (field === 'flow') {
        const flow = parseFlow(value);
        if (!flow)
          throw new UsageError(`--set flow=${value}: not a trade flow (imports, exports, M, X, 1, 2 ...)`);
        c.flow = flow;
      } else if (field === 'reporter') c.reporter = this.caches.reporter.get(value);
      else if (field === 'category') c.category = this.caches.category.get(value);
      else if (field === 'partner') c.partner = this.caches.partner.get(value);
      else if (field === 'source' || field === 'basis' || field === 'definition') c[field] = value.trim();
    }
    const valueHeader = this.valueCol >= 0 ? (map.header[this.valueCol] ?? '') : '';
    c.basis ??= this.basisCol >= 0 ? undefined : layout.basis?.(valueHeader);
  }

  private where(field: Field, line: number): Location {
    return { file: this.name, line, column: (this.index[field] as number) + 1 };
  }

  /** The row, or undefined when the filter leaves it out. Cells are read in order of cheapness. */
  private row(r: FieldReader, map: ColumnMap, wideYear: number, valueCol: number): TradeRow | undefined {
    const { caches, filter, name: file, constant } = this;
    const line = r.line;

    let year = wideYear;
    if (year < 0) {
      const yi = this.yearCol;
      const y = r.digits(yi);
      const parsed = y >= 1000 && y <= 9999 ? y : parseYear(r.text(yi));
      if (parsed === undefined) {
        throw new InputError(
          this.where('year', line),
          `year ${JSON.stringify(r.text(yi))} is not a four-digit year`,
          undefined,
          'bad-year',
        );
      }
      year = parsed;
    }

    // Category first: it leaves out the most rows.
    const category = this.categoryCol >= 0 ? r.cached(this.categoryCol, caches.category) : constant.category;
    if (category === undefined && this.codeCol >= 0 && filter.category && this.codeCache === caches.code) {
      // An HS code whose first two digits no prefix of the category starts with is out, without a lookup.
      const lead = r.lead2(this.codeCol);
      if (lead >= 0 && caches.hsLeads[lead] === 0) {
        this.report.hsCodedRows++;
        return undefined;
      }
    }
    const coded =
      this.codeCol >= 0
        ? r.cached(this.codeCol, this.layout.padHs ? caches.paddedCode : caches.code)
        : undefined;
    if (category === undefined && coded?.code !== undefined) {
      this.report.hsCodedRows++;
      if (coded.odd) this.report.codes.odd++;
      if (coded.padded) this.report.codes.padded++;
    }
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
    if (
      this.options.hsLevel !== undefined &&
      coded?.code !== undefined &&
      coded.code.length !== this.options.hsLevel
    ) {
      this.report.codes.otherLevel++;
      return undefined;
    }

    let flow = constant.flow;
    if (this.flowCol >= 0) {
      flow = r.cached(this.flowCol, caches.flow);
      if (!flow) {
        throw new InputError(
          this.where('flow', line),
          `flow ${JSON.stringify(r.text(this.flowCol))} is not a trade flow`,
          'expected imports/exports, M/X/RM/RX or 1/2/3/4',
          'bad-flow',
        );
      }
    }
    if (filter.flow !== undefined && flow !== undefined && flow !== filter.flow) return undefined;

    // Rows that break a partner down by a hidden dimension: only the totals are used.
    if (this.dims.length) {
      for (const d of this.dims) {
        if (r.cached(d.col, caches.dimensionTotal)) d.stats.total++;
        else {
          d.stats.detail++;
          return undefined;
        }
      }
    }

    const reporter =
      this.reporterCol >= 0 ? r.cached(this.reporterCol, caches.reporter) : (constant.reporter ?? '');
    if (filter.reporter !== undefined && reporter !== filter.reporter) return undefined;
    const source =
      this.sourceCol >= 0 ? (r.cached(this.sourceCol, caches.text) ?? '') : (constant.source ?? '');
    if (filter.source !== undefined && source.toLowerCase() !== filter.source.toLowerCase()) return undefined;

    let month = 0;
    if (this.monthCol >= 0) month = this.monthOf(r, this.monthCol, line, year);
    else if (this.periodCol >= 0) month = this.periodMonth(r, line, year);

    // The row is wanted: read its value and partner.
    const vi = valueCol;
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
          throw new InputError({ file, line, column: vi + 1 }, detail, hint, 'bad-number');
        }
      }
    }

    let partner = this.partnerCodeCol >= 0 ? r.cached(this.partnerCodeCol, caches.partner) : undefined;
    if ((!partner || partner.kind === 'unknown') && this.partnerCol >= 0) {
      const byName = r.cached(this.partnerCol, caches.partner);
      if (byName && (!partner || byName.kind !== 'unknown')) partner = byName;
    }
    partner ??= constant.partner;
    if (!partner) {
      throw new InputError(
        this.where(this.partnerCol >= 0 ? 'partner' : 'partner_code', line),
        'partner is empty',
        undefined,
        'empty-partner',
      );
    }
    if (this.levelCol >= 0 && partner.kind !== 'world' && r.cached(this.levelCol, caches.text) === 'CGP') {
      // Census marks its country groups (EUROPEAN UNION, PACIFIC RIM COUNTRIES, ...) in SUMMARY_LVL.
      partner = { kind: 'group', code: partner.name, name: partner.name };
    }

    const basis = this.basisCol >= 0 ? r.cached(this.basisCol, caches.text) : constant.basis;
    const definition =
      this.definitionCol >= 0 ? r.cached(this.definitionCol, caches.text) : constant.definition;
    const out = this.reuseRows ? this.scratch : ({} as TradeRow);
    out.file = file;
    out.line = line;
    out.year = year;
    out.month = month;
    out.cumulative = this.cumulative && month > 0;
    out.partner = partner;
    out.value = value;
    out.marker = marker;
    out.category = category;
    out.code = coded?.code;
    out.match = match;
    out.reporter = reporter;
    out.flow = flow;
    out.source = source;
    out.basis = basis;
    out.definition = definition;
    out.valueScale = map.valueScale;
    return out;
  }

  /** The row object refilled for every row when rows are not kept. */
  private readonly scratch: TradeRow = {
    file: '',
    line: 0,
    year: 0,
    month: 0,
    cumulative: false,
    partner: { kind: 'unknown', code: '', name: '' },
    value: undefined,
    marker: undefined,
    category: undefined,
    code: undefined,
    match: undefined,
    reporter: '',
    flow: undefined,
    source: '',
    basis: undefined,
    definition: undefined,
    valueScale: 0,
  };

  /** The month a month cell names: 1-12, or 0 for a year (empty, 0, or Comtrade's 52). */
  private monthOf(r: FieldReader, col: number, line: number, year: number): number {
    const m = r.digits(col);
    if (m >= 1 && m <= 12) return m;
    if (m === 0 || m === 52) return 0;
    const text = trimCell(r.text(col));
    if (text === '') return 0;
    // Census also writes "2016-12" style months in its time column.
    const ym = /^(\d{4})-(\d{2})$/.exec(text);
    if (ym && Number(ym[1]) === year && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return Number(ym[2]);
    throw new InputError(
      { file: this.name, line, column: col + 1 },
      `month ${JSON.stringify(text)} is not 1 to 12 (or 52, Comtrade's code for a whole year)`,
      undefined,
      'bad-month',
    );
  }

  /** The month of a YYYYMM period (0 for a YYYY one), checked against the row's year. */
  private periodMonth(r: FieldReader, line: number, year: number): number {
    const text = trimCell(r.text(this.periodCol));
    const m = /^(\d{4})(\d{2})?$/.exec(text);
    const month = m?.[2] === undefined ? 0 : Number(m[2]);
    if (!m || Number(m[1]) !== year || month > 12 || (m[2] !== undefined && month === 0)) {
      throw new InputError(
        { file: this.name, line, column: this.periodCol + 1 },
        `period ${JSON.stringify(text)} is not ${year} or ${year}MM`,
        undefined,
        'bad-month',
      );
    }
    return month;
  }
}

/** Hidden dimensions that repeat a partner's figure, and the codes of their total rows. */
const DIMENSIONS: ReadonlyArray<{ field: Field; label: string }> = [
  { field: 'partner2', label: 'second partner' },
  { field: 'mot', label: 'mode of transport' },
  { field: 'customs', label: 'customs procedure' },
];

/** Codes that mark a hidden dimension's total row: World for partner2, 0 for mode, C00 for customs. */
function isDimensionTotal(text: string): boolean {
  const t = text.trim().toUpperCase();
  return (
    t === '0' ||
    t === '' ||
    t === 'C00' ||
    t === 'W00' ||
    t === 'WLD' ||
    t === 'WORLD' ||
    t === 'TOTAL MOT' ||
    t === '-1'
  );
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

function headerMap(
  fields: string[],
  line: number,
  file: string,
  options: ReadOptions,
  layout: Layout,
  afterSkipped: boolean,
): ColumnMap {
  if (fields.every((f) => /^[ \t]*$/.test(f))) {
    throw new InputError(
      { file, line },
      line === 1
        ? 'the first line is blank; expected the header row'
        : `line ${line} is blank; expected the header row`,
      undefined,
      afterSkipped ? 'missing-column' : 'blank-header',
    );
  }
  const given = [...Object.keys(layout.constants ?? {}), ...Object.keys(options.set ?? {})] as Field[];
  try {
    return mapColumns(fields, file, options.columns, options.unit, {
      line,
      prefer: layout.prefer,
      wide: layout.wide,
      given,
      echoes: layout.echoes,
    });
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
      if (fields.length <= 2 && layout === CANONICAL) {
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

/**
 * Refuses a file that breaks partners down by a hidden dimension (mode of transport, customs procedure,
 * second partner) without the total rows: adding the parts is not what the source publishes as the total.
 */
export function checkDimensions(report: ReadReport): void {
  for (const d of Object.values(report.dimensions)) {
    if (d && d.detail > 0 && d.total === 0) {
      throw new KorusError(
        `the data breaks partners down by ${d.label} and has no total rows for it (${d.detail} rows): adding them up could count figures twice or miss some`,
        2,
        'download the data with the totals included (e.g. Comtrade motCode 0, customsCode C00, partner2Code 0)',
      );
    }
  }
}

/** Notes on what the reader left out or changed: blank rows, lines above the header, dimension detail, HS codes. */
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
  }
  for (const d of Object.values(report.dimensions)) {
    if (d?.detail) {
      notes.push({
        level: 'info',
        code: 'dimension-detail',
        message: `${d.detail} row${s(d.detail)} by ${d.label} left out: the total rows are used`,
        count: d.detail,
      });
    }
  }
  const c = report.codes;
  if (c.odd) {
    notes.push({
      level: 'warning',
      code: 'odd-hs-code',
      message: `${c.odd} row${s(c.odd)} ha${c.odd === 1 ? 's an HS code' : 've HS codes'} of odd length: stored as a number, they may have lost a leading zero (codes are matched as written)`,
      count: c.odd,
    });
  }
  if (c.padded) {
    notes.push({
      level: 'info',
      code: 'hs-code-repadded',
      message: `${c.padded} HTS number${s(c.padded)} of odd length got back the leading zero DataWeb's export drops`,
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
  return notes;
}
