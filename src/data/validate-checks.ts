// What validateFile is handed to check rows with, and how the checks report: ports that src/core/ fills
// (data and core do not import each other; the validate command joins them).
import type { ProblemCode } from '../model/codes.js';
import type { Problem } from '../model/problems.js';
import type { RowChecker, RowPlace, TradeRow } from '../model/rows.js';

/** Reports a problem of the file being checked, at a line, column and header (null: the whole row or file). */
export type ProblemAt = (
  line: number | null,
  column: number | null,
  field: string | null,
  code: ProblemCode,
  message: string,
  hint?: string,
) => void;

/** Counts one more row of a problem reported once per file. */
export type Tally = (
  code: ProblemCode,
  what: string,
  line: number,
  column: number | null,
  field: string | null,
) => void;

/** Where a cell is in a file: its 1-based column and header, or null when the file has no such column. */
export interface CellAt {
  column: number | null;
  field: string | null;
}

/**
 * validate's checks of the values of one file's rows (src/core/validate-rules.ts has them: a value rule
 * is core's, the reading of the file is data's): problems as data, handed back to be reported.
 */
export interface ValueChecks {
  /** Checks one row: the problem to report at once, if any; the rest is counted. */
  row(row: TradeRow, place: RowPlace): Problem | undefined;
  /** Counts one more row with a problem reported once per file. */
  tally: Tally;
  /** The counted problems, each at its first line. */
  tallied(): Iterable<Problem>;
}

/** The checks `validate` runs on rows: across rows (for the whole run) and of each file's values. */
export interface RowChecks {
  rows: RowChecker;
  /** Makes one file's value checks, once its code and category cells are known. */
  values: (file: string, cells: { code: CellAt; category: CellAt }) => ValueChecks;
}
