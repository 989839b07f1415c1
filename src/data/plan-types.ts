import type { Flow } from '../catalog/flows.js';
import type { Field, Measure, SourceProfile, WorkbookFacts } from '../sources/types.js';

/** A hidden dimension's column in one file. */
export interface PlannedDimension {
  column: number;
  label: string;
  header: string;
  totals: ReadonlySet<string>;
}

/** A cell of a wide row that is a value: its column, and the year or month it is for. */
export interface WideCell {
  column: number;
  /** The year of a year column; 0 for a month column (the year is the row's). */
  year: number;
  /** The month of a month column, else 0. */
  month: number;
}

/** How to read one file's rows, decided once from its header (and its source's profile). */
export interface FilePlan {
  profile: SourceProfile;
  variant: string;
  header: string[];
  /** Where each field is (0-based). */
  index: Partial<Record<Field, number>>;
  /** The value column; -1 for a wide file (values in `wide`). */
  valueCol: number;
  wide: WideCell[];
  /** The value column's measure (its basis, flow and unit), when the source lists it. */
  measure?: Measure;
  /** Columns that repeat a mapped column (first, copy): every row must hold the same text in both. */
  echoes: Array<[number, number]>;
  /** Power of ten the values are in. */
  valueScale: number;
  /** How the unit was decided, for the output footer. */
  unitFrom: string;
  dimensions: PlannedDimension[];
  /** Values for fields the file lacks, from the source, its title lines or parameters, and --set. */
  constants: Partial<Record<Field, string>>;
  /** Where each constant came from, for notes ("the Query Parameters sheet: Country List: China"). */
  constantsFrom: Partial<Record<Field, string>>;
  /** The file has no partner column and none was set: every row is taken as World. */
  impliedWorld: boolean;
  /** The first column is R's row names (write.csv): not data. */
  rowNames: boolean;
  /** Exporter and importer columns of a directional source (BACI). */
  directional?: { exporter: number; importer: number };
  /** The query all commodities of one partner (a workbook's parameters): a "Total" footer is its total. */
  allCommodities: boolean;
}

/** What a plan is made from besides the header. */
export interface PlanInput {
  file: string;
  line: number;
  profile: SourceProfile;
  variant: string;
  overrides: Partial<Record<Field, string>>;
  /** --measure: a value column (or measure) by its header. */
  measure?: string;
  /** --unit. */
  unit?: string;
  /** --set values. */
  set: Partial<Record<Field, string>>;
  /** The flow the analysis asks for, to pick a per-flow value column (WITS Import or Export). */
  flow?: Flow;
  /** What the lines above the header (or a workbook's parameters sheet) say. */
  facts?: WorkbookFacts;
  /** The text of the lines above the header (OTEXA's "Data in Million $" sets the unit). */
  preambleText?: string;
  /** The header's first cell is R's row-names column. */
  rowNames?: boolean;
  /**
   * Checking, not answering (`validate`): a file without a category column is still checked (the analysis
   * needs --set category), and of several value measures with no default the first is checked.
   */
  checking?: boolean;
}
