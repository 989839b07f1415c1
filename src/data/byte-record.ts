// One CSV record as byte ranges of the scanner's buffer: the byte scanner's FieldReader. Its cell readers
// run for every cell the row decoding reads, so each works on the bytes without making a string.

import { grown } from '../model/typed-arrays.js';
import type { FieldCache, FieldReader } from './field-cache.js';

/** The field flag (scan-csv.ts sets them: 0 plain, 1 quoted, 2 this) of a quoted field with "" to undo. */
const ESCAPED = 2;

/** The text of buf[s, e) (at most 8 bytes) when every byte is ASCII; undefined otherwise. */
function asciiText(buf: Uint8Array, s: number, e: number): string | undefined {
  let or = 0;
  for (let k = s; k < e; k++) or |= buf[k] as number;
  if (or > 0x7f) return undefined;
  const c = (k: number): number => buf[s + k] as number;
  switch (e - s) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(c(0));
    case 2:
      return String.fromCharCode(c(0), c(1));
    case 3:
      return String.fromCharCode(c(0), c(1), c(2));
    case 4:
      return String.fromCharCode(c(0), c(1), c(2), c(3));
    case 5:
      return String.fromCharCode(c(0), c(1), c(2), c(3), c(4));
    case 6:
      return String.fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5));
    case 7:
      return String.fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5), c(6));
    default:
      return String.fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7));
  }
}

/**
 * One record as byte ranges of a buffer: valid only during the callback that receives it (the scanner
 * reuses it for the next record). Field i is buf[starts[base + i], ends[base + i]), read as UTF-8: the
 * scanner fills the arrays from 0 for each record; a batch from the scanning thread holds every record's
 * fields in one set of arrays, and `base` says where the record's first field is.
 */
export class ByteRecord implements FieldReader {
  buf: Buffer = Buffer.alloc(0);
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  flags: Uint8Array = new Uint8Array(64);
  base = 0;
  count = 0;
  line = 1;

  /** The text of field i. */
  text(i: number): string {
    const k = this.base + i;
    const s = this.starts[k] as number;
    const e = this.ends[k] as number;
    // Short ASCII cells (codes, flows, years) made here: a third of the cost of Buffer's decoding call, on
    // a column of millions of distinct codes.
    if (e - s <= 8 && this.flags[k] !== ESCAPED) {
      const t = asciiText(this.buf, s, e);
      if (t !== undefined) return t;
    }
    const t = this.buf.toString('utf8', s, e);
    return this.flags[k] === ESCAPED ? t.replaceAll('""', '"') : t;
  }

  cached<T>(i: number, cache: FieldCache<T>): T {
    const k = this.base + i;
    return cache.getBytes(this.buf, this.starts[k] as number, this.ends[k] as number, this, i);
  }

  isBlank(): boolean {
    const buf = this.buf;
    for (let f = this.base, end = this.base + this.count; f < end; f++) {
      for (let p = this.starts[f] as number, e = this.ends[f] as number; p < e; p++) {
        const c = buf[p];
        if (c !== 0x20 && c !== 0x09) return false;
      }
    }
    return true;
  }

  digits(i: number): number {
    const buf = this.buf;
    const s = this.starts[this.base + i] as number;
    const e = this.ends[this.base + i] as number;
    if (e <= s || e - s > 15) return -1;
    let n = 0;
    for (let p = s; p < e; p++) {
      const d = (buf[p] as number) - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  sameCell(i: number, j: number): boolean {
    const a = this.base + i;
    const b = this.base + j;
    const s = this.starts[a] as number;
    const t = this.starts[b] as number;
    const n = (this.ends[a] as number) - s;
    if ((this.ends[b] as number) - t !== n || this.flags[a] !== this.flags[b]) return false;
    const buf = this.buf;
    for (let k = 0; k < n; k++) if (buf[s + k] !== buf[t + k]) return false;
    return true;
  }

  lead2(i: number): number {
    const s = this.starts[this.base + i] as number;
    if ((this.ends[this.base + i] as number) - s < 2) return -1;
    const a = (this.buf[s] as number) - 0x30;
    const b = (this.buf[s + 1] as number) - 0x30;
    return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
  }

  evenLength(i: number): boolean {
    const k = this.base + i;
    return (((this.ends[k] as number) - (this.starts[k] as number)) & 1) === 0;
  }

  /** Every field's text. */
  texts(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }

  push(start: number, end: number, flag: number): void {
    const n = this.count;
    if (n === this.starts.length) this.grow();
    this.starts[n] = start;
    this.ends[n] = end;
    this.flags[n] = flag;
    this.count = n + 1;
  }

  private grow(): void {
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.flags = grown(this.flags);
  }
}
