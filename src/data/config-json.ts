// The JSON files that configure a run (a rules file, a --categories file): read within a size limit, their
// nesting checked by a flat scan before anything walks them, syntax errors placed at line and column.
import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { InputErrorCode } from '../model/codes.js';
import { jsonErrorOffset, locateJson, positionAt, type TextPosition } from './json-position.js';
import { JsonStream } from './json-stream.js';

/** How deep a configuration file may nest (arrays and objects inside one another; real ones: 3 or 4). */
export const MAX_CONFIG_DEPTH = 32;

/** What a configuration file is called in messages, and the code its errors carry. */
export interface ConfigKind {
  what: string;
  code: InputErrorCode;
  /** The most bytes the file may hold. */
  maxBytes: number;
  /** What the file should hold, and an example (for an empty file). */
  expected: string;
  example: string;
}

/**
 * The text of a file, read up to its kind's maxBytes and no further (a FIFO or /dev/zero cannot fill memory).
 * Errors from the file system (ENOENT, EISDIR, ...) are thrown as they are, for the caller to word.
 */
export async function readConfigText(path: string, shown: string, kind: ConfigKind): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buf = Buffer.alloc(1 << 16);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > kind.maxBytes) throw tooLarge(shown, kind);
      chunks.push(buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await fh.close();
  }
}

function tooLarge(file: string, kind: ConfigKind): InputError {
  return new InputError(
    { file },
    `larger than ${kind.maxBytes / 2 ** 20} MiB, the most a ${kind.what} may hold`,
    `a ${kind.what} is a few kilobytes: is it the right file?`,
    kind.code,
  );
}

/**
 * Parses a configuration file's text: its JSON value, and a function giving where each value starts, by
 * path (worked out on first call: a large file that has no problem is not walked twice). Throws an
 * InputError at file:line:column when the text is too large, nests too deep, or is not JSON.
 */
export function parseConfigJson(
  text: string,
  file: string,
  kind: ConfigKind,
): { json: unknown; where: () => Map<string, TextPosition> } {
  const body = text.replace(/^\uFEFF/, '');
  if (Buffer.byteLength(body) > kind.maxBytes) throw tooLarge(file, kind);
  const deep = tooDeepAt(body, MAX_CONFIG_DEPTH);
  if (deep !== undefined) {
    throw new InputError(
      { file, ...positionAt(body, deep) },
      `nested more than ${MAX_CONFIG_DEPTH} deep (arrays and objects inside one another)`,
      `a ${kind.what} nests 3 or 4 deep`,
      kind.code,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    if (body.trim() === '')
      throw new InputError(
        { file, ...positionAt(body, body.length) },
        `empty file: expected ${kind.expected}`,
        `e.g. ${kind.example}`,
        kind.code,
      );
    // JSON.parse does not always say where (Node 20: `Unexpected token ']', ..."  ]}" is not valid
    // JSON`): the streaming reader, which checks the same grammar, finds the place and says what it met.
    const fault = streamedFault(body, file, kind.maxBytes);
    if (fault) throw new InputError(fault.location, fault.detail, fault.hint, kind.code);
    const message = (err as Error).message;
    const at = positionAt(body, jsonErrorOffset(message) ?? body.length);
    throw new InputError({ file, ...at }, `not valid JSON: ${message}`, undefined, kind.code);
  }
  let where: Map<string, TextPosition> | undefined;
  return { json, where: () => (where ??= locateJson(body)) };
}

/** The first fault the streaming reader finds in a text, if any. */
function streamedFault(text: string, file: string, maxBytes: number): InputError | undefined {
  const ignore = () => {};
  const events = { open: ignore, close: ignore, key: ignore, scalar: ignore };
  try {
    const json = new JsonStream(file, events, {
      maxDepth: MAX_CONFIG_DEPTH,
      maxValueBytes: maxBytes,
    });
    json.write(Buffer.from(text));
    json.end();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  return undefined;
}

/** The offset of the first bracket that opens past `max` levels (strings skipped), if any. */
export function tooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: a backslash escapes the next character.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
