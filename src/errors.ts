import type { InputErrorCode } from './model/codes.js';

/** Where in an input a problem is: file, 1-based line and column (field number). */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

/**
 * An error meant for people: exit code 2 (could not run) unless said otherwise. `details` are lines
 * printed under the message, one each (a message itself never holds a line break of its own).
 */
export class KorusError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
    readonly hint?: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'KorusError';
  }
}

/** A flag or argument the user got wrong; the CLI prints usage help with it. */
export class UsageError extends KorusError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
    this.name = 'UsageError';
  }
}

/** A problem in an input file, printed as FILE:LINE:COLUMN: message. */
export class InputError extends KorusError {
  constructor(
    readonly location: Location,
    readonly detail: string,
    hint?: string,
    readonly code: InputErrorCode = 'input',
  ) {
    super(`${formatLocation(location)}: ${detail}`, 2, hint);
    this.name = 'InputError';
  }
}

/** A CSV syntax error (code 'csv-syntax'), with csv-parse's own code for which one (CSV_QUOTE_NOT_CLOSED, ...). */
export class CsvSyntaxError extends InputError {
  constructor(
    location: Location,
    detail: string,
    readonly syntax: string,
  ) {
    super(location, detail, undefined, 'csv-syntax');
    this.name = 'InputError';
  }
}

/** FILE:LINE:COLUMN, leaving out the parts that are not known. */
export function formatLocation(loc: Location): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EINVAL: 'not readable as a file',
  ENXIO: 'no such device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EBADF: 'bad file descriptor',
};

/** An I/O error's code in words, with the code: "no space left on device (ENOSPC)". */
export function errnoWords(code: string | undefined): string {
  const words = code ? ERRNO_WORDS[code] : undefined;
  return words ? `${words} (${code})` : (code ?? 'an I/O error');
}
