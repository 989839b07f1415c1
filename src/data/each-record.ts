import { type DecodeState, decodeToUtf8, encodingLabel } from './decode.js';
import { type FieldReader, StringRecord } from './field-cache.js';
import { reopened } from './file-input.js';
import type { InputSource } from './inputs.js';
import { parserFor } from './parser-choice.js';
import { peekInput } from './peek-input.js';
import { readCsvRecords } from './read-csv.js';
import { looksLikeJsonTable, readJsonRecords } from './read-json.js';
import type { ReadOptions } from './read-options.js';
import { CsvScanner, scanDecoded } from './scan-csv.js';
import { type CsvRead, scanThreadFits, ThreadUnavailable, threadedRecords } from './scan-thread.js';
import { sniffDelimiter, sniffProfile } from './sniff-header.js';
import { counted, type EndingCount } from './validate-line-endings.js';

/**
 * Hands every record of one input to `onRecord`, with either parser, or from a JSON table (the Census
 * API's answer, streamed); yields the bytes read so far after each chunk, so a caller can pass on what
 * the records made. Malformed CSV and bad bytes throw InputError after the records before them. A large
 * CSV file is scanned on a thread of its own (scan-thread.ts), with the same records in the same order.
 */
export async function* eachRecord(
  given: InputSource,
  options: ReadOptions,
  onRecord: (r: FieldReader) => void,
  meta: { encoding: string; bytes?: number; delimiter?: string },
  peeked?: { head: Buffer; input: InputSource },
  endings?: EndingCount,
): AsyncGenerator<number> {
  // The byte scanner copies what it keeps of a chunk, so its reader may reuse one buffer; csv-parse may not.
  const fast = parserFor(options) === 'fast';
  const { head, input: raw } = peeked ?? (await peekInput(given, { reuse: fast }));
  const input = counted(raw, endings);
  if (looksLikeJsonTable(head)) {
    meta.encoding = `${options.dialect.encoding} (JSON)`;
    const onRow = (fields: string[], line: number) => onRecord(new StringRecord(fields, line));
    yield* readJsonRecords(input, options.dialect.encoding, onRow, meta);
    return;
  }
  const { delimiter, fallback } = csvDialectOf(head, options);
  if (delimiter !== options.dialect.delimiter) meta.delimiter = delimiter;
  if (fast && raw.file && scanThreadFits(raw, options)) {
    // The scanning thread opens the file again by its path: what was opened to look at its head is closed.
    await raw.close?.();
    try {
      yield* threadedRecords({ input: raw, options, delimiter, fallback, onRecord, meta }, endings);
      return;
    } catch (err) {
      if (!(err instanceof ThreadUnavailable)) throw err;
    }
    // No thread could be started (before any record): read on this one, the file opened again.
    const again = counted(reopened(raw.name, raw.file), endings);
    yield* scanRecords({ input: again, options, delimiter, fallback, onRecord, meta });
    return;
  }
  if (fast) {
    yield* scanRecords({ input, options, delimiter, fallback, onRecord, meta });
    return;
  }
  let n = 0;
  for await (const { fields, line } of readCsvRecords(
    input,
    { ...options.dialect, delimiter, fallback },
    meta,
  )) {
    onRecord(new StringRecord(fields, line));
    if (++n % 4096 === 0) yield 0;
  }
}

/** The delimiter and fallback encoding a CSV input is read with, from its first bytes and the options. */
export function csvDialectOf(
  head: Buffer,
  options: ReadOptions,
): { delimiter: string; fallback: 'windows-1252' | undefined } {
  // A tab-separated file (Comtrade's bulk .txt, Excel's "Unicode text") read with the default comma: the
  // header has tabs and no comma.
  const delimiter = options.delimiterGiven
    ? options.dialect.delimiter
    : sniffDelimiter(head, options.dialect.delimiter);
  // A source whose downloads are Windows-1252 (the Comtrade portal's) is read so when its bytes are not
  // UTF-8, unless an encoding was given; the header tells the source before any data is decoded.
  const fallback = options.encodingGiven ? undefined : sniffProfile(head, delimiter)?.encoding;
  return { delimiter, fallback };
}

/** The records of a CSV input through the byte scanner, yielding the bytes read after each chunk. */
async function* scanRecords(read: CsvRead): AsyncGenerator<number> {
  const { input, options, delimiter, fallback, onRecord, meta } = read;
  const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: options.dialect.encoding, fallback };
  const scanner = new CsvScanner(input.name, delimiter.charCodeAt(0), onRecord);
  const utf8 = decodeToUtf8(input.open(), options.dialect.encoding, state);
  const update = () => {
    meta.encoding = encodingLabel(state);
    meta.bytes = state.bytesIn;
  };
  for await (const _ of scanDecoded(scanner, utf8, state, input.name, update)) yield state.bytesIn;
}
