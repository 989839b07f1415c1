import type { CategoryDef, MatchKind } from '../catalog/categories.js';
import type { CodeSystemName } from '../catalog/classifications.js';
import type { Flow } from '../catalog/flows.js';
import type { Partner } from '../catalog/partners.js';
import type { Field, ProfileName } from '../sources/types.js';
import type { InputFacts } from './facts/read.js';
import type { Usd } from './usd.js';

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
  value: Usd | undefined;
  /** The value cell's column (1-based), for errors about the value. */
  column?: number;
  /** The marker found when value is undefined ("" for an empty cell). */
  marker?: string;
  /** The category column's label, as a key; undefined when the file has none or the cell is empty. */
  category?: string;
  /** Commodity code as used (a string: "0101" is not "101"; a lost leading zero put back); TOTAL for all. */
  code?: string;
  /** The code's classification (HS, SITC, ...). */
  system?: CodeSystemName;
  /** The code got back a leading zero it had lost (written "601", read 0601). */
  padded?: boolean;
  /** How the row matched the reader's category filter, when it had one. */
  match?: MatchKind;
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
  /**
   * The hidden dimension this row splits its figure by (a port, a mode of transport): a part of a total
   * row that is used instead. Undefined for a total (or a file without such a dimension).
   */
  detail?: string;
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

/** What was read from one file (or one sheet of a workbook). */
export interface FileStats {
  name: string;
  rows: number;
  encoding: string;
  /** The source profile the file was read as (detected from its header, or --layout), and its variant. */
  layout: ProfileName;
  variant: string;
  /** The workbook sheet, for an .xlsx input. */
  sheet?: string;
  unit: string;
  /** The value column read (a measure), or null for a wide file. */
  measure: string | null;
  columns: Partial<Record<Field, string>>;
  /** Lines of blank rows between data rows, the first 100 (trailing blank lines are not listed). */
  blankLines: number[];
  /** Blank rows between data rows, all of them counted. */
  blankRows: number;
  /** Runs of blank rows between data rows, [first, last line], the first 100. */
  blankRuns: Array<[number, number]>;
  /** The header's line (after metadata or title lines). */
  headerLine: number;
  /** Lines above the header that were passed over (a source's metadata, or --skip-lines). */
  skippedLines: number[];
  /** Rows with one empty field past the header's last (the Comtrade portal's trailing comma). */
  trailingEmpty: number;
  /** Lines of "Total:" rows under the table. */
  footerLines: number[];
  /** Values every row was given, and where each came from (the source, its title lines, --set). */
  constants: Record<string, { value: string; from: string }>;
  /** No partner column: every row was taken as World. */
  impliedWorld: boolean;
  /** The first column is R's row names. */
  rowNames: boolean;
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
  /** Rows with a commodity code and no category label. */
  hsCodedRows: number;
  /** Which parser read the files. */
  parser: 'fast' | 'csv-parse';
  /** Hidden dimensions met (second partner, mode of transport, port), by label. */
  dimensions: Record<string, DimensionStats>;
  /** HS codes that got back a lost leading zero (with a few examples as written), and left out by --hs-level. */
  codes: { padded: number; examples: string[]; otherLevel: number };
  /** Rows the filter's category holds, of another of the four flows than the one asked for. */
  otherFlowRows: Record<Flow, number>;
  /** Rows of flows that are not one of the four (Comtrade FM, DX, XOP, ...), by "code (name)". */
  otherFlows: Map<string, number>;
  /** Rows whose codes are in a classification the category has no definition in, by classification. */
  otherClassification: Map<CodeSystemName, number>;
  /** Rows whose unit cell is not money (WITS indicators in %), by unit. */
  notMoney: Map<string, number>;
  /** Files whose "Total:" row was a one-country query's all-commodities total (read as code TOTAL). */
  footerTotals: Set<string>;
  /** Workbook sheets not read (quantities, or not the sheet --measure names), as `book.xlsx[Sheet]`. */
  sheetsSkipped: string[];
  /** Code tables read as lookups, not data (BACI's country codes), with how many codes each holds. */
  codeTables: Array<{ name: string; codes: number }>;
  /** Files read with another delimiter than the default, found from their header (tab). */
  delimiters: Array<{ file: string; delimiter: string }>;
  /** What resolving --data met besides its files: entries not read, a file reached by two paths. */
  inputs?: InputFacts;
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
    codes: { padded: 0, examples: [], otherLevel: 0 },
    otherFlowRows: { imports: 0, exports: 0, 're-imports': 0, 're-exports': 0 },
    otherFlows: new Map(),
    otherClassification: new Map(),
    notMoney: new Map(),
    footerTotals: new Set(),
    sheetsSkipped: [],
    codeTables: [],
    delimiters: [],
  };
}

/** Where a row's cells are, for problems about it. */
export interface RowPlace {
  valueColumn: number | null;
  valueField: string | null;
  partnerColumn: number | null;
  partnerField: string | null;
  /** The partner code and name cells as written, when the file has both. */
  partnerCodeText?: string;
  partnerNameText?: string;
  /** The file has a month or period column: its years and months are checked against each other. */
  hasMonths: boolean;
}

/** What checks rows across a whole run (validate's consistency checks): it is handed each row and its place. */
export interface RowChecker {
  add(row: TradeRow, place: RowPlace): void;
}
