import type { TextPosition } from './json-position.js';

/**
 * Lines and columns of byte offsets in UTF-8 text read chunk by chunk, asked in increasing order: what a
 * streaming JSON reader needs to place rows and errors. Holds one chunk at a time (memory independent of
 * the input), and counts columns in characters, as an editor shows them.
 */
export class ByteLocator {
  private chunk: Uint8Array = new Uint8Array(0);
  /** The offset of the current chunk's first byte in the whole text. */
  private base = 0;
  /** How far (an offset in the whole text) the line count has been taken. */
  private at = 0;
  private line = 1;
  /** The offset of the byte after the last line break before `at`. */
  private lineStart = 0;
  /** Characters from lineStart up to the current chunk's start. */
  private charsBeforeChunk = 0;

  /** Takes the next chunk; the one before is done with (its reader may reuse the buffer). */
  push(chunk: Uint8Array): void {
    this.finish();
    this.chunk = chunk;
  }

  /** Counts the rest of the current chunk, which is not looked at again. */
  finish(): void {
    const end = this.base + this.chunk.length;
    if (end === this.base) return;
    this.advance(end);
    this.charsBeforeChunk = this.charsFromLineStart(end);
    this.base = end;
    this.chunk = new Uint8Array(0);
  }

  /** The line of an offset; cheap (no column). */
  lineOf(offset: number): number {
    if (offset > this.at) this.advance(offset);
    return this.line;
  }

  /** The line and column of an offset. */
  positionOf(offset: number): TextPosition {
    if (offset > this.at) this.advance(offset);
    // An offset before the current chunk belongs to a string or number that began in an earlier chunk:
    // no line break lies between it and the chunk, only its column in bytes is known from here.
    if (offset < this.base)
      return { line: this.line, column: this.charsBeforeChunk - (this.base - offset) + 1 };
    return { line: this.line, column: this.charsFromLineStart(offset) + 1 };
  }

  private advance(offset: number): void {
    const end = Math.min(offset, this.base + this.chunk.length);
    let i = this.at - this.base;
    for (;;) {
      const nl = this.chunk.indexOf(10, i);
      if (nl === -1 || nl >= end - this.base) break;
      this.line++;
      this.lineStart = this.base + nl + 1;
      i = nl + 1;
    }
    this.at = Math.max(this.at, end);
  }

  /** Characters (UTF-8 lead bytes) from the line's start to `offset`, which lies in the current chunk. */
  private charsFromLineStart(offset: number): number {
    const from = Math.max(this.lineStart, this.base) - this.base;
    let n = this.lineStart >= this.base ? 0 : this.charsBeforeChunk;
    const to = offset - this.base;
    for (let i = from; i < to; i++) if (((this.chunk[i] as number) & 0xc0) !== 0x80) n++;
    return n;
  }
}
