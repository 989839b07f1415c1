import { type CsvRecord, type Dialect, decodeError } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8 } from './decode.js';
import type { InputSource } from './inputs.js';
import { CsvScanner, delimiterByte } from './scan-csv.js';

/**
 * Streams the records of one CSV input through the byte scanner, as readCsvRecords does through csv-parse:
 * the same records, line numbers and errors (the differential test holds them to that).
 */
export async function* scanCsvRecords(
  input: InputSource,
  dialect: Dialect,
  meta: { encoding: string } = { encoding: dialect.encoding },
): AsyncGenerator<CsvRecord> {
  const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: dialect.encoding };
  let batch: CsvRecord[] = [];
  const scanner = new CsvScanner(input.name, delimiterByte(dialect.delimiter), (rec) => {
    batch.push({ fields: rec.texts(), line: rec.line });
  });
  for await (const chunk of decodeToUtf8(input.open(), dialect.encoding, state)) {
    meta.encoding = state.encoding;
    try {
      scanner.push(chunk);
    } finally {
      yield* batch;
      batch = [];
    }
  }
  meta.encoding = state.encoding;
  if (state.problem) {
    const line = scanner.lineAtEnd();
    try {
      scanner.endAtCut();
    } finally {
      yield* batch;
    }
    throw decodeError(input.name, state.problem, line);
  }
  scanner.end();
  yield* batch;
}
