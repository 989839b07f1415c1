import { CsvSyntaxError, type InputError } from '../errors.js';
import { ByteRecord } from './byte-record.js';
import { csvError, decodeError, MAX_RECORD_BYTES } from './csv-dialect.js';
import type { DecodeState } from './decode.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
// Field flags: how the bytes between start and end are read (ByteRecord undoes "" in ESCAPED ones). Local,
// not imported: an imported constant is a load in the inner loop (about 2.6% of a 1M-row read, measured).
const PLAIN = 0;
const QUOTED = 1;
const ESCAPED = 2;

/**
 * A byte-level CSV scanner (RFC 4180: quoted fields, "" escapes, CR, LF and CRLF record ends, line breaks
 * inside quotes) that hands each record to `onRecord` as byte ranges, without making strings. It reports
 * malformed input exactly as the csv-parse path does: the same codes, at the line where the record starts
 * and the field number where the problem is. Input must be UTF-8 (the decoder's output); the delimiter
 * is one ASCII byte.
 */
export class CsvScanner {
  private carry: Buffer | undefined;
  /** The scanner's own buffer: the carried-over start of a record, then the next chunk. */
  private scratch: Buffer = Buffer.allocUnsafe(1 << 16);
  /** The line the next record starts on. */
  private line = 1;
  private readonly rec = new ByteRecord();

  /** Rows handed on so far (including the header), for progress reports. */
  records = 0;
  /** Bytes pushed so far: the offset in the input of the next chunk's first byte. */
  private pushed = 0;
  /**
   * Where to stop (an offset in the input): the scanner stops before the first record that starts there or
   * after, keeping the rest (`resume` goes on). Reading a byte range of a file stops at its end this way.
   */
  stopAt = Number.POSITIVE_INFINITY;
  /** The offset of the record the scanner stopped before, or -1 while it has not stopped. */
  stoppedAt = -1;

  constructor(
    private readonly file: string,
    private readonly delimiter: number,
    private readonly onRecord: (rec: ByteRecord) => void,
    /**
     * Called when the records of a chunk have been handed on, before the scanner's buffer is written
     * again (the start of a record cut by the chunk's end is moved to its front).
     */
    private readonly onScanned?: () => void,
  ) {}

  /**
   * Scans the next chunk; a record cut by the chunk's end waits for the next one. The chunk may be reused
   * by its reader afterwards: what is kept of it is copied into the scanner's own buffer.
   */
  push(chunk: Buffer): void {
    let buf = chunk;
    const start = this.pushed - (this.carry?.length ?? 0);
    this.pushed += chunk.length;
    if (this.carry) {
      // Carry and chunk side by side in one buffer, reused from chunk to chunk: no garbage per chunk.
      const n = this.carry.length;
      const need = n + chunk.length;
      if (this.scratch.length < need) {
        const grown = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
        this.carry.copy(grown, 0);
        this.scratch = grown;
      } else if (
        this.carry.buffer !== this.scratch.buffer ||
        this.carry.byteOffset !== this.scratch.byteOffset
      ) {
        this.carry.copy(this.scratch, 0);
      }
      chunk.copy(this.scratch, n);
      buf = this.scratch.subarray(0, need);
      this.carry = undefined;
    }
    const used = this.scan(buf, start, false);
    this.onScanned?.();
    if (used < buf.length) {
      if (buf.length - used > MAX_RECORD_BYTES) this.checkSize(buf, used, buf.length);
      const tail = buf.length - used;
      if (this.scratch.length < tail) this.scratch = Buffer.allocUnsafe(Math.max(tail, 1 << 16));
      // copy() handles the overlap when the tail already stands in the scratch buffer.
      buf.copy(this.scratch, 0, used);
      this.carry = this.scratch.subarray(0, tail);
    }
  }

  /** Scans what is left at the end of the input. */
  end(): void {
    const buf = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    this.scan(buf, this.pushed - buf.length, true);
  }

  /** Whether the scanner has stopped at `stopAt`. */
  get stopped(): boolean {
    return this.stoppedAt >= 0;
  }

  /** The line the next record starts on (where the scanner stopped, once it has). */
  get nextLine(): number {
    return this.line;
  }

  /** Goes on after a stop, up to a new `stopAt`, from the record it stopped before. */
  resume(stopAt: number): void {
    this.stopAt = stopAt;
    this.stoppedAt = -1;
    if (this.carry) this.push(Buffer.alloc(0));
  }

  /**
   * Ends the input where a decode problem cut it, as the csv-parse path does: records the text before the
   * cut completes (it ends with a line break) are handed on; a record the cut runs into is dropped, since
   * the problem is reported in its place.
   */
  endAtCut(): void {
    const buf = this.carry;
    this.carry = undefined;
    const last = buf?.[buf.length - 1];
    if (!buf || (last !== LF && last !== CR)) return;
    try {
      this.scan(buf, this.pushed - buf.length, true);
    } catch (err) {
      // A quote left open at the cut is the cut's doing: the decode problem is what gets reported.
      if (!(err instanceof CsvSyntaxError && err.syntax === 'CSV_QUOTE_NOT_CLOSED')) throw err;
    }
  }

  /** The line of the first byte not yet scanned into a record (where a decode problem cut the input). */
  lineAtEnd(): number {
    const buf = this.carry;
    if (!buf) return this.line;
    let line = this.line;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === LF) line++;
      else if (c === CR && buf[i + 1] !== LF) line++;
    }
    return line;
  }

  /**
   * Scans whole records from the start of buf (at offset `at` of the input); returns where the first
   * incomplete record starts (buf.length when none), or the record the scanner stopped before. With
   * `final`, the end of buf ends the last record.
   */
  private scan(buf: Buffer, at: number, final: boolean): number {
    if (this.stoppedAt >= 0) return 0;
    const len = buf.length;
    const delim = this.delimiter;
    // Every byte that ends an unquoted field is at most `top`: for a comma, letters and digits are passed
    // over with one comparison.
    const top = Math.max(delim, QUOTE);
    const rec = this.rec;
    rec.buf = buf;
    let p = 0;
    let line = this.line;
    records: while (p < len) {
      const recStart = p;
      const recLine = line;
      if (at + p >= this.stopAt) {
        this.stoppedAt = at + p;
        this.line = line;
        return p;
      }
      rec.count = 0;
      rec.line = recLine;
      for (;;) {
        // A field: quoted (its text between the quotes, "" undone later) or plain.
        let s = p;
        let e: number;
        let flag = PLAIN;
        if (p < len && buf[p] === QUOTE) {
          s = p + 1;
          flag = QUOTED;
          e = -1;
          let q = s;
          while (q < len) {
            const c = buf[q];
            if (c === QUOTE) {
              if (q + 1 >= len) {
                if (!final) break; // a quote at the end: escape or close? the next chunk says
                e = q++;
                break;
              }
              if (buf[q + 1] === QUOTE) {
                flag = ESCAPED;
                q += 2;
                continue;
              }
              e = q++;
              break;
            }
            if (c === LF) line++;
            else if (c === CR) {
              if (q + 1 >= len && !final) break;
              if (buf[q + 1] !== LF) line++;
            }
            q++;
          }
          if (e === -1) {
            if (!final) {
              this.line = recLine;
              return recStart;
            }
            throw this.error('CSV_QUOTE_NOT_CLOSED', recLine, rec.count);
          }
          p = q;
        } else {
          for (; p < len; p++) {
            const c = buf[p] as number;
            if (c <= top && (c === delim || c === LF || c === CR || c === QUOTE)) break;
          }
          if (p < len && buf[p] === QUOTE) throw this.error('INVALID_OPENING_QUOTE', recLine, rec.count);
          e = p;
        }
        // After the field: a delimiter, a record end, or the end of the input.
        if (p >= len) {
          if (!final) {
            this.line = recLine;
            return recStart;
          }
          // A last record without a line break (nothing at all is no record).
          if (rec.count > 0 || p > s || flag !== PLAIN) {
            rec.push(s, e, flag);
            this.emit(buf, recStart, p);
          }
          break records;
        }
        const c = buf[p];
        if (c === delim) {
          rec.push(s, e, flag);
          p++;
          continue;
        }
        if (c !== LF && c !== CR) throw this.error('CSV_INVALID_CLOSING_QUOTE', recLine, rec.count);
        rec.push(s, e, flag);
        if (c === CR) {
          if (p + 1 >= len && !final) {
            this.line = recLine;
            return recStart;
          }
          p += buf[p + 1] === LF ? 2 : 1;
        } else p++;
        line++;
        this.emit(buf, recStart, p);
        this.line = line;
        continue records;
      }
    }
    this.line = line;
    return len;
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end - start > MAX_RECORD_BYTES) this.checkSize(buf, start, end);
    this.records++;
    this.onRecord(this.rec);
  }

  /**
   * csv-parse's limit counts field content (not quotes or delimiters) and stops once a record holds more
   * than MAX_RECORD_BYTES of it: do the same, so both paths fail on the same records.
   */
  private checkSize(buf: Uint8Array, start: number, end: number): void {
    let content = 0;
    let field = 0;
    let inQuotes = false;
    for (let p = start; p < end; p++) {
      const c = buf[p];
      if (inQuotes) {
        if (c === QUOTE) {
          if (buf[p + 1] === QUOTE) {
            p++;
          } else {
            inQuotes = false;
            continue;
          }
        }
      } else if (c === QUOTE) {
        inQuotes = true;
        continue;
      } else if (c === this.delimiter) {
        field++;
        continue;
      } else if (c === LF || c === CR) {
        break;
      }
      content++;
      if (content > MAX_RECORD_BYTES) throw this.error('CSV_MAX_RECORD_SIZE', this.rec.line, field);
    }
  }

  private error(code: string, line: number, fieldIndex: number): InputError {
    return csvError(this.file, code, line, fieldIndex + 1);
  }
}

/**
 * Scans a whole decoded input (`utf8`, which sets `state`), yielding after each chunk's records have been
 * handed on, also when a malformed record throws (the error goes on after the yield). Where a decode
 * problem cut the input, the records before it are handed on, then the problem is thrown at its line.
 * `update` is called before each chunk is scanned and before the end is.
 */
export async function* scanDecoded(
  scanner: CsvScanner,
  utf8: AsyncIterable<Buffer>,
  state: DecodeState,
  file: string,
  update: () => void,
): AsyncGenerator<void> {
  for await (const chunk of utf8) {
    update();
    try {
      scanner.push(chunk);
    } finally {
      yield;
    }
  }
  update();
  if (state.problem) {
    const line = scanner.lineAtEnd();
    try {
      scanner.endAtCut();
    } finally {
      yield;
    }
    throw decodeError(file, state.problem, line);
  }
  scanner.end();
}

/** The delimiter as one byte, or undefined when the byte scanner cannot take it (not one ASCII character). */
export function delimiterByte(delimiter: string): number {
  const code = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || code > 0x7f || code === QUOTE || code === LF || code === CR) {
    throw new Error(`the byte scanner needs a one-byte ASCII delimiter, not ${JSON.stringify(delimiter)}`);
  }
  return code;
}
