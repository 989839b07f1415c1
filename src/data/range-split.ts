// Where a file is cut into byte ranges for range-parallel reading (range-read.ts): each cut is the start
// of a line a little after an even split, found by reading a few KiB there. A cut is a guess until the
// range before it has been scanned (a line break inside a quoted field is no record end): range-read.ts
// checks every cut against where the scan of the range before it really stopped.

import { closeSync, openSync, readSync } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
/** How far past an even split a cut is looked for. */
const WINDOW = 64 << 10;

/**
 * The offsets where the ranges of a file of `size` bytes start, about `rangeBytes` apart: 0, then the
 * start of a line that is not blank (holds a byte other than the delimiter, spaces, tabs, quotes and CR)
 * and does not begin with a byte-order mark or a ZIP signature. So a range never starts inside a run of
 * blank rows, and its first bytes are never taken for a signature. A split with no such line in reach is
 * left out (its range joins the one before).
 */
export function rangeStarts(path: string, size: number, rangeBytes: number, delimiter: number): number[] {
  const starts = [0];
  if (size <= rangeBytes) return starts;
  const fd = openSync(path, 'r');
  try {
    const window = Buffer.allocUnsafe(WINDOW);
    for (let at = rangeBytes; at < size; at += rangeBytes) {
      if (at <= (starts.at(-1) as number)) continue;
      const n = readSync(fd, window, 0, WINDOW, at - 1);
      const s = lineStart(window.subarray(0, n), delimiter);
      if (s >= 0 && at - 1 + s < size) starts.push(at - 1 + s);
    }
  } finally {
    closeSync(fd);
  }
  return starts;
}

/** In `buf` (read from one byte before a split), the first fitting line start after its first byte, or -1. */
export function lineStart(buf: Uint8Array, delimiter: number): number {
  let p = buf.indexOf(LF);
  while (p >= 0 && p + 1 < buf.length) {
    const start = p + 1;
    let q = start;
    let blank = true;
    for (; q < buf.length && buf[q] !== LF; q++) {
      const c = buf[q];
      if (c !== delimiter && c !== SPACE && c !== TAB && c !== QUOTE && c !== CR) {
        blank = false;
        break;
      }
    }
    if (!blank && !signature(buf, start)) return start;
    p = buf.indexOf(LF, q);
  }
  return -1;
}

/** Whether a UTF-8 or UTF-16 byte-order mark or a ZIP signature starts at `at` (the decoder reads those). */
function signature(buf: Uint8Array, at: number): boolean {
  const a = buf[at];
  const b = buf[at + 1];
  if ((a === 0xef && b === 0xbb) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return true;
  return a === 0x50 && b === 0x4b && buf[at + 2] === 3 && buf[at + 3] === 4;
}
