import { decodeError } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8, type Encoding } from './decode.js';
import type { InputSource } from './inputs.js';
import { JsonTable } from './json-table.js';

/**
 * Whether a file's first bytes are a JSON table: an array of arrays (or an empty one), as the US Census API answers
 * (`[["CTY_CODE","CTY_NAME",...],["5800","KOREA, SOUTH",...]]`), an array of objects, or an object holding
 * one under `data` or `dataset` (the UN Comtrade APIs' answers: `{"count": 2, "data": [{...}, ...]}`).
 */
export function looksLikeJsonTable(head: Buffer): boolean {
  const text = head
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  return /^\s*\[\s*[[{\]]/.test(text) || /^\s*\{[\s\S]*"(data|dataset)"\s*:\s*\[/.test(text);
}

/**
 * Reads a JSON table (header first) as it streams, handing each row to `onRow` with the line it starts on;
 * cells are the text the file holds (strings, numbers as written, true/false, null as ''). Yields the
 * bytes read after each chunk. Throws InputError at the file:line:column of the first fault, after the
 * rows before it.
 */
export async function* readJsonRecords(
  input: InputSource,
  encoding: Encoding,
  onRow: (fields: string[], line: number) => void,
  meta?: { bytes?: number },
): AsyncGenerator<number> {
  const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding };
  const table = new JsonTable(input.name, onRow);
  for await (const chunk of decodeToUtf8(input.open(), encoding, state)) {
    try {
      table.write(chunk);
    } finally {
      if (meta) meta.bytes = state.bytesIn;
    }
    yield state.bytesIn;
  }
  if (state.problem) throw decodeError(input.name, state.problem, table.lineAtEnd(state.bytesOut));
  table.end();
}
