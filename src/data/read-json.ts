import { InputError } from '../errors.js';
import { type CsvRecord, decodeError } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8, type Encoding } from './decode.js';
import type { InputSource } from './inputs.js';
import { arrayStarts, jsonErrorOffset, positionAt } from './json-position.js';

/** JSON larger than this is refused: the whole text is parsed at once. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/**
 * Whether a file's first bytes are a JSON table: an array of arrays, as the US Census API answers
 * (`[["CTY_CODE","CTY_NAME",...],["5800","KOREA, SOUTH",...]]`), an array of objects, or an object holding
 * one under `data` or `dataset` (the UN Comtrade APIs' answers: `{"count": 2, "data": [{...}, ...]}`).
 */
export function looksLikeJsonTable(head: Buffer): boolean {
  const text = head
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  return /^\s*\[\s*[[{]/.test(text) || /^\s*\{[\s\S]*"(data|dataset)"\s*:\s*\[/.test(text);
}

/** A JSON answer's rows as arrays, header first: arrays as they are, objects by their keys (in order met). */
function asTable(data: unknown, file: string): unknown[] {
  let list = data;
  if (list && typeof list === 'object' && !Array.isArray(list)) {
    const o = list as Record<string, unknown>;
    list = Array.isArray(o.data) ? o.data : o.dataset;
  }
  if (!Array.isArray(list))
    throw new InputError({ file, line: 1 }, 'expected a JSON array of arrays or of objects');
  if (list.length === 0 || Array.isArray(list[0])) return list;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of list) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      throw new InputError(
        { file, line: 1 },
        'a JSON table of objects holds something that is not an object',
      );
    }
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  return [keys, ...list.map((row) => keys.map((k) => (row as Record<string, unknown>)[k] ?? null))];
}

/**
 * Reads a JSON array of arrays (header first) as records, with the line each inner array starts on.
 * Cells are strings (the Census API's way), numbers or null (an empty cell).
 */
export async function readJsonRecords(input: InputSource, encoding: Encoding): Promise<CsvRecord[]> {
  const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodeToUtf8(input.open(), encoding, state)) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      throw new InputError(
        { file: input.name },
        `JSON input larger than ${MAX_JSON_BYTES / 2 ** 20} MiB`,
        'save it as CSV',
      );
    }
    chunks.push(Buffer.from(chunk)); // the reader may reuse its buffer
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const starts = arrayStarts(text);
  if (state.problem) throw decodeError(input.name, state.problem, positionAt(text, text.length).line);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset((err as Error).message);
    const line = at === undefined ? undefined : positionAt(text, at).line;
    throw new InputError({ file: input.name, line }, `not valid JSON (${(err as Error).message})`);
  }
  const wrapped = data !== null && typeof data === 'object' && !Array.isArray(data);
  const objects = Array.isArray(data) && data.length > 0 && !Array.isArray(data[0]);
  const table = asTable(data, input.name);
  return table.map((row: unknown, i: number) => {
    // A table of objects has no header line: each row is at its object's line (unknown when wrapped).
    const line = wrapped ? 1 : objects ? (i === 0 ? 1 : (starts[i - 1] ?? 1)) : (starts[i] ?? 1);
    if (!Array.isArray(row)) {
      throw new InputError(
        { file: input.name, line },
        `element ${i + 1} is not an array: expected a table, header first`,
      );
    }
    return {
      line,
      fields: row.map((cell: unknown, j: number) => {
        if (cell === null) return '';
        if (typeof cell === 'string') return cell;
        if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
        if (typeof cell === 'boolean') return cell ? 'true' : 'false';
        throw new InputError(
          { file: input.name, line, column: j + 1 },
          `cell ${JSON.stringify(cell)} is not a string, number or null`,
        );
      }),
    };
  });
}
