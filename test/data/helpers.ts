import type { CsvRecord, Dialect } from '../../src/data/csv-dialect.js';
import type { InputSource } from '../../src/data/inputs.js';
import { readCsvRecords } from '../../src/data/read-csv.js';
import { scanCsvRecords } from '../../src/data/scan-records.js';
import { CsvSyntaxError, InputError } from '../../src/errors.js';

/** Splits `buf` into chunks of `size` bytes (the last may be shorter); size 0 gives one chunk. */
export function chunks(buf: Buffer, size: number): Buffer[] {
  if (size <= 0 || size >= buf.length) return buf.length ? [buf] : [];
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/** An async iterable over `parts`, as a file stream would deliver them. */
export async function* stream(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield p;
}

/** An in-memory input whose stream delivers `buf` in chunks of `size` bytes (0: one chunk). */
export function memoryInput(name: string, buf: Buffer | string, size = 0): InputSource {
  const bytes = typeof buf === 'string' ? Buffer.from(buf, 'utf8') : buf;
  return { name, open: () => stream(chunks(bytes, size)) };
}

/** Everything a read produced: the records in order, then the error that ended it (if any). */
export interface ReadOutcome {
  records: CsvRecord[];
  error?: { name: string; message: string; code: string; syntax?: string; location: unknown; hint?: string };
}

export const CSV: Dialect = { delimiter: ',', encoding: 'utf8' };

/** The two record readers that must agree: csv-parse (the reference) and the byte scanner (the fast path). */
export const READERS = { 'csv-parse': readCsvRecords, scanner: scanCsvRecords } as const;
export type ReaderName = keyof typeof READERS;
let current: ReaderName = 'csv-parse';

/** Makes readAll (and currentReader) use the named reader; suites run once per reader with it. */
export function useReader(name: ReaderName): void {
  current = name;
}

/** The reader the running suite tests. */
export function currentReader(): (typeof READERS)[ReaderName] {
  return READERS[current];
}

/** Reads every record of `input`, catching the error that ends the read so it can be compared. */
export async function readAll(
  input: InputSource,
  dialect: Dialect = CSV,
  reader = currentReader(),
): Promise<ReadOutcome> {
  const records: CsvRecord[] = [];
  try {
    for await (const r of reader(input, dialect)) records.push(r);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return {
      records,
      error: {
        name: err.name,
        message: err.message,
        code: err.code,
        ...(err instanceof CsvSyntaxError ? { syntax: err.syntax } : {}),
        location: err.location,
        hint: err.hint,
      },
    };
  }
  return { records };
}

/** Chunk sizes every chunk-sensitive input is run with: tiny ones, an odd one, and one chunk (0). */
export const CHUNK_SIZES = [1, 2, 3, 5, 64, 0];
