// How exceljs's and the unzipper's failures reach the reader: as errors for people, and at all (a pipe
// does not carry errors, and a wait on exceljs would never end).
import type { Readable } from 'node:stream';
import { InputError, KorusError } from '../errors.js';

/** Races each wait on exceljs against the failures of `source` and of what exceljs pipes it into. */
export function raceFailures(source: Readable): <T>(step: Promise<T>) => Promise<T> {
  // exceljs pipes `source` into its unzipper, and a pipe does not carry errors: a failed read would
  // leave it waiting for bytes forever. Nor do the unzipper's own failures (a ZIP cut short, corrupt
  // deflate data) reach the part exceljs is reading, which just stops. So both are caught here (the
  // unzipper when exceljs pipes into it) and every wait on exceljs is raced against them.
  // (Not Promise.race with one pending promise: each race would leave a handler on it, one per row.)
  let failure: { err: unknown } | undefined;
  const waiting = new Set<(err: unknown) => void>();
  const fail = (err: unknown) => {
    if (failure) return;
    failure = { err };
    for (const reject of waiting) reject(err);
    waiting.clear();
  };
  source.on('error', fail);
  const pipe = source.pipe.bind(source);
  source.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    dest.on('error', fail);
    return pipe(dest, options);
  };
  const race = <T>(step: Promise<T>): Promise<T> => {
    if (failure) {
      step.catch(() => {});
      return Promise.reject(failure.err);
    }
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      step.then(
        (value) => {
          waiting.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          waiting.delete(reject);
          reject(err);
        },
      );
    });
  };
  return race;
}

/** The error for bytes that are no readable workbook, saying why. */
export function notReadable(file: string, why: string, hint?: string): InputError {
  return new InputError({ file }, `not a readable .xlsx workbook (${why})`, hint, 'not-csv');
}

/**
 * The error for a ZIP archive that is no workbook (a zipped download): what it holds and how to unzip it.
 * Its entries are not read from inside: one of several, a data descriptor or Zip64 would be easy to get
 * wrong, and a row of it lost.
 */
export function zipArchive(file: string, entry: string): InputError {
  const stdin = file === '<stdin>';
  return new InputError(
    { file },
    `a ZIP archive holding ${entry}, not an .xlsx workbook; unzip it first${stdin ? '' : ` (unzip ${file})`}`,
    stdin
      ? 'funzip writes the first file of a ZIP archive on standard input: ... | funzip | korus-stats ... --data -'
      : 'then give --data the files it holds, or the folder they are in',
    'unreadable',
  );
}

/** The error for a ZIP archive without the workbook part. */
export function noWorkbook(file: string, where = 'in the ZIP archive'): InputError {
  return notReadable(
    file,
    `no xl/workbook.xml ${where}`,
    'an .xlsx workbook is a ZIP archive holding xl/workbook.xml and its worksheets',
  );
}

/** exceljs's and unzipper's failures as errors for people; ours (and the input's) pass through. */
export function asInputError(err: unknown, file: string): Error {
  if (err instanceof KorusError) return err;
  const e = err as { message?: unknown; code?: unknown; syscall?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (message === 'FILE_ENDED') return notReadable(file, 'the ZIP archive ends early: the file is cut short');
  if (/^invalid signature/i.test(message)) return notReadable(file, `corrupt ZIP archive: ${message}`);
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    return notReadable(file, `corrupt ZIP archive: ${message}`);
  }
  if (/^\d+:\d+: /.test(message)) return notReadable(file, `malformed XML: ${message}`);
  if (typeof e?.code === 'string' && typeof e.syscall === 'string') {
    return new InputError({ file }, `cannot read the workbook (${message})`);
  }
  if (err instanceof TypeError) return notReadable(file, `exceljs could not make sense of it: ${message}`);
  return notReadable(file, message);
}
