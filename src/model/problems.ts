import type { ProfileName } from '../sources/types.js';
import type { ProblemCode } from './codes.js';

/** One thing `validate` found: where, what (a stable code), how bad, and what to do. */
export interface Problem {
  file: string;
  /** 1-based line (the header is line 1; a record spanning lines is reported at its first); null for the file. */
  line: number | null;
  /** 1-based column (field number); null when the problem is the whole row or file. */
  column: number | null;
  /** The header name of that column, when there is one. */
  field: string | null;
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

/** The severity each problem has unless --strict makes warnings fail too. */
export const PROBLEM_SEVERITY: Readonly<Record<ProblemCode, 'error' | 'warning'>> = {
  'empty-file': 'error',
  'no-rows': 'error',
  'not-csv': 'error',
  encoding: 'error',
  'csv-syntax': 'error',
  'blank-header': 'warning',
  'duplicate-header': 'error',
  'missing-column': 'error',
  'title-row': 'warning',
  'unread-flow': 'error',
  'measure-required': 'error',
  'blank-row': 'warning',
  'missing-cell': 'error',
  'extra-cell': 'error',
  footnote: 'warning',
  'mixed-line-endings': 'warning',
  'bad-year': 'error',
  'bad-month': 'error',
  'bad-flow': 'error',
  'bad-number': 'error',
  'empty-value': 'warning',
  suppressed: 'warning',
  'negative-value': 'error',
  'empty-partner': 'error',
  'hs-code-length': 'warning',
  'hs-code-leading-zero': 'warning',
  'unknown-partner': 'warning',
  'unknown-category': 'warning',
  'duplicate-row': 'warning',
  'duplicate-total': 'error',
  'trailing-empty-field': 'warning',
  'total-mismatch': 'error',
  'months-contradict-year': 'error',
  'partner-two-names': 'warning',
  'echo-mismatch': 'error',
  input: 'error',
};

/** What was checked in one file. */
export interface FileSummary {
  name: string;
  layout: ProfileName | null;
  /** The profile's variant ("" when it has one form), null before a header was read. */
  variant: string | null;
  encoding: string;
  /** Data rows read past the header (blank rows not counted; a wide file's row counts once). */
  rows: number;
  lineEndings: { crlf: number; lf: number; cr: number };
}

/**
 * Where the checks hand their problems: `emit` lists and counts one; when `listing` is false the next one
 * would not be listed (--max-errors), so a check that finds many may `count` it without wording it.
 */
export interface ProblemSink {
  emit(p: Problem): void;
  count(file: string, code: ProblemCode, severity: 'error' | 'warning'): void;
  readonly listing: boolean;
}
