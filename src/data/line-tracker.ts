const LF = 10;
const CR = 13;

/**
 * Maps byte offsets of a stream to 1-based line numbers (CR, LF and CRLF each end a line).
 * Offsets must be asked in increasing order; chunks behind the last one asked are let go, so memory
 * stays at the few chunks the parser is ahead of its consumer.
 */
export class LineTracker {
  private readonly chunks: Buffer[] = [];
  private chunkStart = 0;
  private offset = 0;
  private line = 1;
  private prevCR = false;

  /** Registers the next chunk of the stream. */
  add(chunk: Buffer): void {
    if (chunk.length) this.chunks.push(chunk);
  }

  /** The line on which the byte at `target` stands. */
  lineAt(target: number): number {
    while (this.offset < target) {
      const chunk = this.chunks[0];
      if (!chunk) break;
      const from = this.offset - this.chunkStart;
      const to = Math.min(chunk.length, target - this.chunkStart);
      this.line += countBreaks(chunk, from, to, this.prevCR);
      this.prevCR = chunk[to - 1] === CR;
      this.offset = this.chunkStart + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.chunkStart += chunk.length;
      }
    }
    return this.line;
  }
}

/** Line breaks in buf[from, to): every CR, and every LF that does not complete a CRLF. */
export function countBreaks(buf: Buffer, from: number, to: number, prevCR = false): number {
  // Search a view of the range, so a chunk without CRs is not scanned to its end for every record.
  const view = buf.subarray(from, to);
  let n = 0;
  for (let i = view.indexOf(CR); i !== -1; i = view.indexOf(CR, i + 1)) n++;
  for (let i = view.indexOf(LF); i !== -1; i = view.indexOf(LF, i + 1)) {
    const afterCR = i === 0 ? prevCR : view[i - 1] === CR;
    if (!afterCR) n++;
  }
  return n;
}
