// The records of one scanned chunk as the scanning thread hands them to the reading thread: the bytes
// the records span and, in typed arrays, each record's line and fields. They travel in shared memory,
// a few slots used in turn, so nothing is allocated per batch (transferred buffers are freed only by
// the garbage collector, and on a large heap every collection they bring on costs a full mark).

import { grown } from '../model/typed-arrays.js';
import type { ByteRecord } from './byte-record.js';

/** How many records, fields and bytes a slot holds. */
export interface SlotSize {
  records: number;
  fields: number;
  bytes: number;
}

/**
 * One batch's memory, shared by both threads: record r's line is lines[r] and its fields are firsts[r]
 * up to firsts[r + 1] in starts, ends and flags, byte offsets into bytes.
 */
export class BatchSlot {
  readonly lines: Int32Array;
  readonly firsts: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly bytes: Buffer;

  constructor(
    readonly memory: SharedArrayBuffer,
    readonly size: SlotSize,
  ) {
    const { records, fields, bytes } = size;
    let at = 0;
    const ints = (n: number) => {
      const a = new Int32Array(memory, at, n);
      at += n * 4;
      return a;
    };
    this.lines = ints(records);
    this.firsts = ints(records + 1);
    this.starts = ints(fields);
    this.ends = ints(fields);
    this.flags = new Uint8Array(memory, at, fields);
    at += fields;
    this.bytes = Buffer.from(memory, at, bytes);
  }

  /** A slot of at least this size. */
  static of(size: SlotSize): BatchSlot {
    const { records, fields, bytes } = size;
    return new BatchSlot(new SharedArrayBuffer(records * 4 + (records + 1) * 4 + fields * 9 + bytes), size);
  }

  fits(size: SlotSize): boolean {
    const s = this.size;
    return s.records >= size.records && s.fields >= size.fields && s.bytes >= size.bytes;
  }
}

/**
 * Collects the records one scan of a buffer hands on (all of them ranges of the same buffer): from the
 * first record's first field to the last record's last, the bytes are copied into a slot with the field
 * offsets made relative to them (the scanner reuses its buffer).
 */
export class BatchWriter {
  private lines = new Int32Array(1024);
  private firsts = new Int32Array(1025);
  private starts = new Int32Array(8192);
  private ends = new Int32Array(8192);
  private flags = new Uint8Array(8192);
  records = 0;
  private fields = 0;
  private buf: Uint8Array | undefined;
  /** Where the batch's bytes begin in the scanner's buffer, and end. */
  private lo = 0;
  private hi = 0;

  /** Takes one record (valid only during the scanner's callback). */
  add(rec: ByteRecord): void {
    if (this.records === 0) {
      this.buf = rec.buf;
      // A quoted first field starts after its quote: the quote stays out, as it is never read.
      this.lo = rec.starts[0] as number;
    }
    const r = this.records;
    if (r + 1 >= this.lines.length) {
      this.lines = grown(this.lines);
      this.firsts = grown(this.firsts);
    }
    let f = this.fields;
    const n = rec.count;
    while (f + n > this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.flags = grown(this.flags);
    }
    this.lines[r] = rec.line;
    this.firsts[r] = f;
    const lo = this.lo;
    const { starts, ends, flags } = rec;
    for (let i = 0; i < n; i++, f++) {
      this.starts[f] = (starts[i] as number) - lo;
      this.ends[f] = (ends[i] as number) - lo;
      this.flags[f] = flags[i] as number;
    }
    const end = ends[n - 1] as number;
    if (end > this.hi) this.hi = end;
    this.fields = f;
    this.records = r + 1;
  }

  /** What a slot must hold for the records taken since the last batch. */
  size(): SlotSize {
    return { records: this.records, fields: this.fields, bytes: Math.max(0, this.hi - this.lo) };
  }

  /** Copies the records taken into `slot` (which fits them) and starts the next batch. */
  moveTo(slot: BatchSlot): void {
    const r = this.records;
    const f = this.fields;
    this.firsts[r] = f;
    slot.lines.set(this.lines.subarray(0, r));
    slot.firsts.set(this.firsts.subarray(0, r + 1));
    slot.starts.set(this.starts.subarray(0, f));
    slot.ends.set(this.ends.subarray(0, f));
    slot.flags.set(this.flags.subarray(0, f));
    if (this.buf) slot.bytes.set(this.buf.subarray(this.lo, this.hi));
    this.records = 0;
    this.fields = 0;
    this.buf = undefined;
    this.lo = 0;
    this.hi = 0;
  }
}

/** Hands the first `records` records of a slot to `onRecord`, in order, through `rec` (pointed at the slot). */
export function replayBatch(
  slot: BatchSlot,
  records: number,
  rec: ByteRecord,
  onRecord: (r: ByteRecord) => void,
): void {
  const { lines, firsts } = slot;
  rec.buf = slot.bytes;
  rec.starts = slot.starts;
  rec.ends = slot.ends;
  rec.flags = slot.flags;
  for (let r = 0; r < records; r++) {
    const first = firsts[r] as number;
    rec.base = first;
    rec.count = (firsts[r + 1] as number) - first;
    rec.line = lines[r] as number;
    onRecord(rec);
  }
}
