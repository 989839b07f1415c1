import { isUtf8 } from 'node:buffer';

/** Text encodings a user can declare; UTF-16 is taken from its byte-order mark. */
export const ENCODINGS = ['utf8', 'latin1', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Why a file could not be decoded, and the byte offset (in the decoded stream) where that was found. */
export interface DecodeProblem {
  offset: number;
  /** not-csv: the bytes are no text at all (a ZIP archive, NUL bytes); encoding: text in another encoding. */
  code: 'not-csv' | 'encoding';
  detail: string;
  hint?: string;
}

/** What the decoder learned about a file while passing it through. */
export interface DecodeState {
  bytesIn: number;
  bytesOut: number;
  encoding: string;
  problem?: DecodeProblem;
  /**
   * The encoding the source's files use when they are not UTF-8 (the Comtrade portal's Windows-1252):
   * taken from the first byte that is not UTF-8 on, when nothing before it was beyond ASCII.
   */
  fallback?: 'windows-1252';
  /** Where the fallback was taken: the line and the byte that was not UTF-8. */
  switched?: { line: number; byte: number };
  /** Some byte so far was beyond ASCII (valid UTF-8): a later bad byte is then an error, not a fallback. */
  sawHigh?: boolean;
  /** Line breaks passed so far (counted only while a fallback may still be taken). */
  linesOut?: number;
}

/** The encoding as the file stats state it: "windows-1252 (... not UTF-8 from line 12 ...)" after a fallback. */
export function encodingLabel(state: DecodeState): string {
  return state.switched
    ? `${state.encoding} (the source's encoding: not UTF-8 from line ${state.switched.line}, byte 0x${state.switched.byte.toString(16).toUpperCase().padStart(2, '0')})`
    : state.encoding;
}

/** Whether a file's first bytes are a ZIP archive (an .xlsx is one). */
export function isZip(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) return false;
  const [, , a, b] = head;
  // A local file header (every .xlsx starts with one), an empty archive, a spanned archive.
  return (a === 3 && b === 4) || (a === 5 && b === 6) || (a === 7 && b === 8);
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Turns raw chunks of one encoding into UTF-8 chunks; `end` flushes what a chunk boundary held back. */
interface Converter {
  push(chunk: Buffer): Buffer;
  end(): Buffer;
}

/**
 * Re-encodes a byte stream as UTF-8 without a BOM, checking it as it goes.
 * Stops (without throwing) at the first problem and records it in `state`, so the caller can report
 * the records before it in order and then the problem at its true line.
 */
export async function* decodeToUtf8(
  source: AsyncIterable<Buffer>,
  declared: Encoding,
  state: DecodeState,
): AsyncGenerator<Buffer> {
  state.encoding = declared;
  let head: Buffer | undefined = Buffer.alloc(0);
  let converter: Converter | undefined;
  for await (const raw of source) {
    state.bytesIn += raw.length;
    let chunk: Buffer = raw;
    if (head) {
      // Hold the first bytes until there are enough to recognise a signature.
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      const start = sniffStart(head, declared, state);
      if (state.problem) return;
      converter = start.converter;
      chunk = head.subarray(start.skip);
      head = undefined;
    }
    yield* emit(converter?.push(chunk), state);
    if (state.problem) return;
  }
  if (head) {
    // The whole file is shorter than a signature.
    const start = sniffStart(head, declared, state);
    if (state.problem) return;
    converter = start.converter;
    yield* emit(converter.push(head.subarray(start.skip)), state);
    if (state.problem) return;
  }
  yield* emit(converter?.end(), state);
}

function* emit(buf: Buffer | undefined, state: DecodeState): Generator<Buffer> {
  if (!buf || buf.length === 0) return;
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    if (nul > 0) {
      state.bytesOut += nul;
      yield buf.subarray(0, nul);
    }
    state.problem = {
      code: 'not-csv',
      offset: state.bytesOut,
      detail: 'NUL byte found: this is a binary file, not CSV text',
      hint: 'export the data as CSV (UTF-8); UTF-16 files need a byte-order mark',
    };
    return;
  }
  state.bytesOut += buf.length;
  yield buf;
}

function sniffStart(
  head: Buffer,
  declared: Encoding,
  state: DecodeState,
): { skip: number; converter: Converter } {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    state.problem = {
      code: 'not-csv',
      offset: 0,
      detail: 'this is a ZIP file (an Excel .xlsx workbook?), not CSV text',
      hint: 'open it in a spreadsheet and save the sheet as CSV UTF-8, or unzip it first',
    };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { skip: 3, converter: utf8Checker(state) };
  if (head[0] === 0xff && head[1] === 0xfe) {
    state.encoding = 'utf16le';
    return { skip: 2, converter: textConverter('utf-16le', state) };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    state.encoding = 'utf16be';
    return { skip: 2, converter: textConverter('utf-16be', state) };
  }
  if (declared === 'windows-1252') return { skip: 0, converter: textConverter('windows-1252', state) };
  if (declared === 'latin1') {
    return {
      skip: 0,
      converter: { push: (c) => Buffer.from(c.toString('latin1'), 'utf8'), end: () => Buffer.alloc(0) },
    };
  }
  return { skip: 0, converter: utf8Checker(state) };
}

/**
 * Decodes with TextDecoder, fatally: an unpaired surrogate or an odd trailing byte in UTF-16 ends the stream
 * with a problem instead of becoming U+FFFD. The problem is placed at the first replacement character a
 * lenient decode of the same bytes gives, which is where the bad sequence starts.
 */
function textConverter(label: string, state: DecodeState): Converter {
  const strict = new TextDecoder(label, { fatal: true });
  const lenient = new TextDecoder(label);
  const decode = (bytes: Buffer | undefined, stream: boolean): Buffer => {
    try {
      const text = bytes ? strict.decode(bytes, { stream }) : strict.decode();
      if (bytes) lenient.decode(bytes, { stream }); // keep its state in step
      return Buffer.from(text, 'utf8');
    } catch {
      const text = bytes ? lenient.decode(bytes, { stream }) : lenient.decode();
      const cut = Math.max(0, text.indexOf('\uFFFD'));
      const good = Buffer.from(text.slice(0, cut), 'utf8');
      state.problem = {
        code: 'encoding',
        offset: state.bytesOut + good.length,
        detail: `invalid ${state.encoding === 'windows-1252' ? 'windows-1252' : 'UTF-16'} text (an unpaired surrogate or a cut-off character)`,
      };
      return good;
    }
  };
  return { push: (c) => decode(c, true), end: () => decode(undefined, false) };
}

/**
 * Passes UTF-8 through unchanged, checking it with the native validator; a bad byte ends the stream, or,
 * with a fallback and only ASCII before it, starts the fallback decoding there (ASCII is the same in both).
 */
function utf8Checker(state: DecodeState): Converter {
  let carry: Buffer = Buffer.alloc(0);
  const state2: { after?: Converter } = {};
  const watch = state.fallback !== undefined;
  const check = (buf: Buffer): Buffer => {
    const ok = isUtf8(buf);
    if (ok && !watch) return buf;
    const bad = ok ? buf.length : firstInvalidUtf8(buf);
    if (watch && !state.sawHigh) {
      const high = firstHigh(buf, bad);
      if (high < bad) state.sawHigh = true;
      else state.linesOut = (state.linesOut ?? 0) + countLf(buf, bad);
    }
    if (ok) return buf;
    if (watch && !state.sawHigh && state.fallback) {
      state2.after = textConverter(state.fallback, state);
      state.switched = { line: (state.linesOut ?? 0) + 1, byte: buf[bad] ?? 0 };
      state.encoding = state.fallback;
      return Buffer.concat([buf.subarray(0, bad), state2.after.push(buf.subarray(bad))]);
    }
    // The problem's offset is known once the valid prefix has been counted out by emit().
    state.problem = invalidUtf8(state.bytesOut + bad, buf[bad] ?? 0);
    return buf.subarray(0, bad);
  };
  return {
    push(chunk) {
      const { after } = state2;
      if (after) return after.push(chunk);
      const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteTail(joined);
      carry = Buffer.from(joined.subarray(joined.length - tail));
      const out = check(joined.subarray(0, joined.length - tail));
      const switched = state2.after;
      if (switched && carry.length) {
        const rest = switched.push(carry);
        carry = Buffer.alloc(0);
        return Buffer.concat([out, rest]);
      }
      return out;
    },
    end() {
      if (state2.after) return state2.after.end();
      if (!carry.length) return carry;
      // A multi-byte sequence cut off by the end of the file.
      state.problem = invalidUtf8(state.bytesOut, carry[0] ?? 0);
      return Buffer.alloc(0);
    },
  };
}

/** The offset of the first byte beyond ASCII in buf[0, end), or end. */
function firstHigh(buf: Buffer, end: number): number {
  for (let i = 0; i < end; i++) if ((buf[i] as number) >= 0x80) return i;
  return end;
}

function countLf(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function invalidUtf8(offset: number, byte: number): DecodeProblem {
  return {
    code: 'encoding',
    offset,
    detail: `invalid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`,
    hint: 'if the file is Latin-1 or Windows-1252 (common in Comtrade web exports), pass --encoding latin1 or --encoding windows-1252',
  };
}

/** How many bytes at the end of `buf` begin a UTF-8 sequence that the next chunk may complete. */
function incompleteTail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (buf is known to be invalid). */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return buf.length;
}
