import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvError, Parser } from 'csv-parse';
import type { InputError } from '../errors.js';
import { type CsvRecord, csvError, type Dialect, decodeError, MAX_RECORD_BYTES } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8, encodingLabel } from './decode.js';
import type { InputSource } from './inputs.js';
import { LineTracker } from './line-tracker.js';

type Parsed = { record: string[]; info: { bytes: number } } | { error: CsvError };
type Done = (err?: Error | null) => void;

/**
 * csv-parse fails by destroying its stream, which drops the records it had parsed but not yet handed on;
 * this subclass hands the error on in order, after them, so the first problem in the file is the one reported.
 */
class OrderedParser extends Parser {
  override _transform(chunk: Buffer, encoding: BufferEncoding, done: Done): void {
    super._transform(chunk, encoding, this.inBand(done));
  }
  override _flush(done: Done): void {
    super._flush(this.inBand(done));
  }
  private inBand(done: Done): Done {
    return (err) => {
      if (err) {
        this.push({ error: err });
        this.push(null);
      }
      done();
    };
  }
}

/**
 * Streams the records of one CSV input with csv-parse, as arrays of strings with true line numbers
 * (counted from byte offsets, since csv-parse's own line count is off for CRLF inside quotes).
 * `meta.encoding` tells the encoding found. Throws InputError for malformed CSV, bad encoding or binary content, at the line where the record starts.
 */
export async function* readCsvRecords(
  input: InputSource,
  dialect: Dialect,
  meta: { encoding: string } = { encoding: dialect.encoding },
): AsyncGenerator<CsvRecord> {
  const state: DecodeState = {
    bytesIn: 0,
    bytesOut: 0,
    encoding: dialect.encoding,
    fallback: dialect.fallback,
  };
  const tracker = new LineTracker();
  // Whether the text before a decode problem ends with a line break: if not, the record the parser
  // flushes at the cut is a fragment, and the problem is reported in its place.
  let endsWithBreak = true;
  const decoded = (async function* () {
    for await (const chunk of decodeToUtf8(input.open(), dialect.encoding, state)) {
      tracker.add(chunk);
      const last = chunk[chunk.length - 1];
      endsWithBreak = last === 10 || last === 13;
      yield chunk;
    }
  })();
  const parser = new OrderedParser({
    delimiter: dialect.delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
    bom: false, // the decoder has already removed it
  });
  const feeding = pipeline(Readable.from(decoded), parser).catch(() => undefined);
  const decodeProblem = (): InputError | undefined => {
    const p = state.problem;
    return p && decodeError(input.name, p, tracker.lineAt(p.offset));
  };
  let recordStart = 0;
  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      if ('error' in item) throw item.error;
      const { record, info } = item;
      meta.encoding = encodingLabel(state); // known from the first bytes (a UTF-16 BOM switches it)
      if (state.problem && info.bytes >= state.problem.offset && !endsWithBreak) break;
      yield { fields: record, line: tracker.lineAt(recordStart) };
      recordStart = info.bytes;
    }
  } catch (err) {
    const e = err as CsvError & { index?: number; bytes?: number };
    // A syntax error before the bad bytes comes first; an unclosed quote at the cut is the cut's doing.
    // (decodeProblem() moves the line tracker to the bad bytes, so it is called only to be thrown.)
    const p = state.problem;
    const before = p !== undefined && typeof e.bytes === 'number' && e.bytes < p.offset;
    if (p && (e.code === 'CSV_QUOTE_NOT_CLOSED' || !before)) throw decodeProblem();
    if (typeof e.code === 'string' && (e.code.startsWith('CSV_') || e.code === 'INVALID_OPENING_QUOTE')) {
      const column = typeof e.index === 'number' ? e.index + 1 : undefined;
      throw csvError(input.name, e.code, tracker.lineAt(recordStart), column, e.message);
    }
    throw err;
  } finally {
    parser.destroy();
    await feeding;
  }
  const bad = decodeProblem();
  if (bad) throw bad;
}
