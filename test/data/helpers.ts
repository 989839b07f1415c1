import type { InputSource } from '../../src/data/inputs.js';
import { type CsvRecord, type Dialect, readCsvRecords } from '../../src/data/read-csv.js';
import { InputError } from '../../src/errors.js';

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
  error?: { name: string; message: string; code: string; location: unknown; hint?: string };
}

export const CSV: Dialect = { delimiter: ',', encoding: 'utf8' };

/** Reads every record of `input`, catching the error that ends the read so it can be compared. */
export async function readAll(input: InputSource, dialect: Dialect = CSV): Promise<ReadOutcome> {
  const records: CsvRecord[] = [];
  try {
    for await (const r of readCsvRecords(input, dialect)) records.push(r);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return {
      records,
      error: { name: err.name, message: err.message, code: err.code, location: err.location, hint: err.hint },
    };
  }
  return { records };
}

/** Chunk sizes every chunk-sensitive input is run with: tiny ones, an odd one, and one chunk (0). */
export const CHUNK_SIZES = [1, 2, 3, 5, 64, 0];
