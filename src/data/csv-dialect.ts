// What the two CSV readers (csv-parse in read-csv.ts, the byte scanner in scan-csv.ts) share: the record
// and dialect they read, the size limit of a record, and the errors both throw, worded once.
import { CsvSyntaxError, InputError } from '../errors.js';
import type { DecodeProblem, Encoding } from './decode.js';

/** A record as read: its cells and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** How a file is written. */
export interface Dialect {
  delimiter: string;
  encoding: Encoding;
  /** The source's own encoding, taken when the bytes are not UTF-8 (see DecodeState.fallback). */
  fallback?: 'windows-1252';
}

/** A record can be at most this long: a missing quote must not swallow the rest of a file into memory. */
export const MAX_RECORD_BYTES = 1 << 20;

/** What csv-parse's error codes mean, said for people: one table for both parsers. */
export const CSV_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a missing " swallows the rest of the file)',
  INVALID_OPENING_QUOTE:
    'a " inside an unquoted field (quote the whole field and double the inner quote: "a ""b"" c")',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote (expected a delimiter or the end of the line)',
  CSV_MAX_RECORD_SIZE: `a record longer than ${MAX_RECORD_BYTES / 1024} KiB (probably an unclosed quote)`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'text after a closing quote (expected a delimiter or the end of the line)',
};

/** The InputError for a CSV syntax error, the same from either parser. */
export function csvError(
  file: string,
  code: string,
  line: number,
  column?: number,
  fallback?: string,
): CsvSyntaxError {
  return new CsvSyntaxError({ file, line, column }, CSV_ERRORS[code] ?? fallback ?? code, code);
}

/** The InputError for a decoding problem found at `line`. */
export function decodeError(file: string, p: DecodeProblem, line: number): InputError {
  return new InputError({ file, line }, p.detail, p.hint, p.code);
}
