import type { Flow } from '../catalog/flows.js';
import type { CodeSystem } from '../catalog/partners.js';

/** The fields korus-stats reads from a trade file. */
export const FIELDS = [
  'year',
  'partner',
  'partner_code',
  'partner_iso',
  'value',
  'category',
  'code',
  'classification',
  'reporter',
  'reporter_code',
  'flow',
  'flow_text',
  'source',
  'basis',
  'definition',
  'month',
  'period',
  'level',
  'unit',
] as const;
export type Field = (typeof FIELDS)[number];

/** The source profiles korus-stats knows, one module each under src/sources/. */
export const PROFILE_NAMES = [
  'comtrade-plus',
  'comtrade-legacy',
  'comtradr',
  'census',
  'dataweb',
  'wits',
  'otexa',
  'baci',
  'canonical',
] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** A header as detection sees it: the cells as written, and their names trimmed and lower-cased. */
export interface HeaderView {
  fields: readonly string[];
  names: ReadonlySet<string>;
  /** Whether some name is a four-digit year ("2016"). */
  hasYearColumns: boolean;
  /** Whether the names include the twelve month names (January ... December). */
  hasMonthColumns: boolean;
}

/** A value column a source writes: what it measures, in which unit, for which flow. */
export interface Measure {
  /** The column's header, as the source writes it (matched trimmed and case-insensitively). */
  header: string;
  /** The value basis, for the footer ("general imports, customs value (US Census)"). */
  basis: string;
  /** The flow the column holds, when a file has one column per flow (WITS: Import and Export). */
  flow?: Flow;
  /** Power of ten of the unit (3: thousands of US$); default: read from the header's words. */
  scale?: number;
  /** Year-to-date values: the December row is the year (Census *_YR). */
  cumulative?: boolean;
  /** Chosen without --measure when it is the only default measure in the file. */
  default?: boolean;
}

/**
 * A column that repeats each figure by some split the analysis does not ask about (Comtrade's second
 * partner, mode of transport and customs procedure, Census ports and districts). Only its total member's
 * rows are used; a file with the split and no totals is refused, naming the dimension.
 */
export interface Dimension {
  /** For people: "mode of transport". */
  label: string;
  /** The column's header names in this source (first present wins). */
  headers: readonly string[];
  /** The cells (trimmed, any case) that mark the total member: "0", "C00", "-". */
  totals: readonly string[];
}

/** What a workbook's parameters sheet (DataWeb's "Query Parameters") says about the data sheets. */
export interface WorkbookFacts {
  /** Values for fields the data sheets lack (the partner of a one-country query, the flow). */
  constants: Partial<Record<Field, string>>;
  /** Power of ten of the values ("In Millions": 6), when the parameters state it. */
  scale?: number;
  /** The query took all commodities: a "Total" footer row is the all-products total. */
  allCommodities?: boolean;
  /** Lines of the parameters sheet that said so, for the notes. */
  said: string[];
}

/**
 * One source family's files: how they are recognised and how each column is read. Declarative where it can
 * be; the few functions are what a layout needs beyond names.
 */
export interface SourceProfile {
  name: ProfileName;
  /** For people: "UN Comtrade Plus (v1 API)". */
  label: string;
  /** Recognises a header: the variant's name ("" when there is one form), or undefined when not this source. */
  detect(header: HeaderView): string | undefined;
  /** Lines this source writes above its header (a title, "Data Row Count,50"): passed over with a note. */
  preamble?(fields: readonly string[]): boolean;
  /** Header names per field, as this source writes them; the first present wins. */
  columns: Partial<Record<Field, readonly string[]>>;
  /** The value columns and what they measure; a file with several and no default asks for --measure. */
  measures?: readonly Measure[];
  /** Accept any column as --measure, not only the listed ones (canonical). */
  anyMeasure?: boolean;
  /** The code system of the partner and reporter code columns. */
  codes: CodeSystem;
  /** Names this source writes that no other does (its misspellings, its own short forms), as ISO alpha-2. */
  names?: Readonly<Record<string, string>>;
  /** Hidden dimensions and their total members. */
  dimensions?: readonly Dimension[];
  /** The classification of the commodity codes when the file has no classification column. */
  classification?: string;
  /** Values every row of this source has without a column (Census: reporter US). Per variant. */
  constants?(variant: string): Partial<Record<Field, string>>;
  /** Years are columns (or, beside a Year column, months are): each such cell is a value. */
  wide?: 'years';
  /** Codes are stored as numbers by this source's tools: an odd-length HS code lost a leading zero. */
  padCodes?: boolean;
  /** The source repeats its query's columns (the Census API): copies must agree. */
  echoes?: boolean;
  /** The encoding this source's downloads use when they are not UTF-8 (taken instead, with a note). */
  encoding?: 'windows-1252';
  /** The thousands separator this source writes in values ("1,234,567" in DataWeb exports), unless --thousands. */
  thousands?: ',';
  /** A last row that sums the table ("Total:"): not data. */
  footer?(fields: readonly string[]): boolean;
  /** The value basis when no measure states it (from the value column's name, or the basis cell). */
  basis?(valueHeader: string): string | undefined;
  /** Columns that name a flow but are not the flow (WITS "Trade Flow": "Exports & Imports"). */
  notFlow?: readonly string[];
  /** Reads a workbook's parameters sheet (rows of label and value). */
  workbook?: {
    isParameters(sheet: string): boolean;
    facts(rows: ReadonlyArray<readonly string[]>): WorkbookFacts;
  };
  /** The partner when the file has no partner column: World (with a note), unless --set partner. */
  noPartnerColumn?: 'world';
  /** No World rows: the denominator is always the sum of partners (BACI). */
  denominator?: 'sum-of-partners';
  /**
   * Rows are exporter-importer pairs (BACI): for imports the importer is the reporter and the exporter the
   * partner, for exports the other way round. The columns of each.
   */
  directional?: { exporter: string; importer: string };
  /** The columns it expects, for the error when a header matches no profile. */
  expects: string;
  /** Where this profile's page is (docs/sources/NAME.md). */
  docs: string;
}

/** A header view of a header row. */
export function headerView(fields: readonly string[]): HeaderView {
  const names = new Set(fields.map(normName));
  return {
    fields,
    names,
    hasYearColumns: [...names].some((n) => /^\d{4}$/.test(n)),
    hasMonthColumns: MONTH_NAMES.every((m) => names.has(m)),
  };
}

/** A header name as matched: NFC, trimmed, lower-cased. */
export function normName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/** Month names as column headers, January first. */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
