import type { CodeSystemName } from '../../catalog/classifications.js';

/**
 * The facts of each note the read step writes, by note code: what src/output/notes/read.ts words.
 * `file` is the input's name as messages give it (`book.xlsx[Sheet]` for a workbook's sheet).
 */
export interface ReadFacts {
  /** Blank rows between data rows, passed over: how many, and their runs [first, last line] (the first 100). */
  'blank-rows': { file: string; rows: number; runs: Array<[number, number]> };
  /** Lines above the header passed over (a source's title lines, --skip-lines). */
  'lines-above-header': { file: string; lines: number[]; headerLine: number };
  /** The first column is R's row names (write.csv). */
  'row-names': { file: string };
  /** Rows with one empty field past the header's last (a trailing comma). */
  'trailing-empty-field': { file: string; rows: number };
  /** The file was read in its source's encoding, not UTF-8. */
  'source-encoding': { file: string; encoding: string };
  /** "Total" rows under the table: the query's all-commodities total (`asTotal`), or passed over. */
  'footer-row': { file: string; lines: number[]; asTotal: boolean };
  /** No partner column: every row is taken as the World total. */
  'no-partner-column': { file: string };
  /** A field the file lacks, given one value for every row by its title lines or parameters. */
  'field-from-file': { file: string; field: string; value: string; from: string };
  /** Rows by a hidden dimension (a port, a mode of transport) left out for its total rows. */
  'dimension-detail': { rows: number; dimension: string };
  /** HS codes of odd length that got back a lost leading zero, with a few examples as written. */
  'hs-code-repadded': { codes: number; examples: string[] };
  /** Rows at other HS levels than --hs-level, left out. */
  'other-hs-level': { rows: number };
  /** Rows of flows that are not one of the four, left out, by "code (name)". */
  'other-flows': { rows: number; flows: Array<{ flow: string; rows: number }> };
  /** Rows with codes in a classification the category has no definition in. */
  'other-classification': { rows: number; system: CodeSystemName };
  /** Rows whose unit is not US dollars, left out, with the units met (in order met). */
  'not-money': { rows: number; units: string[] };
  /** A file read with another delimiter than the default, found from its header. */
  'delimiter-found': { file: string; delimiter: string };
  /** A table of country codes read as a lookup, not data. */
  'code-table': { file: string; codes: number };
  /** Workbook sheets not read, as `book.xlsx[Sheet]` (with why, for a sheet that is no table). */
  'sheets-skipped': { sheets: string[] };
  /** Entries of --data folders and globs not read: how many, by why, and the first few paths. */
  'inputs-not-read': InputFacts['notRead'];
  /** One file reached by two paths (a link and its target): read once, under the first. */
  'same-file': InputFacts['sameFile'];
}

/** Why an entry of a --data folder or glob was not read. */
export type NotReadReason =
  | 'sub-folder'
  | 'hidden-folder'
  /** A file of a folder with a data file's name that starts with a dot (macOS's ._x.csv, a hidden copy). */
  | 'hidden-file'
  | 'folder-seen'
  | 'dangling-link'
  | 'link-loop'
  | 'not-a-file'
  /** A file of a folder whose name is not a data file's (.csv, .json, each maybe .gz, .xlsx). */
  | 'other-file';

/** What resolving --data met besides the files it takes. */
export interface InputFacts {
  notRead: {
    count: number;
    reasons: Partial<Record<NotReadReason, number>>;
    examples: Array<{ path: string; reason: NotReadReason }>;
  };
  /** Paths that lead to a file already taken; `as` is the path it was taken under. */
  sameFile: { count: number; pairs: Array<{ file: string; as: string }> };
}
