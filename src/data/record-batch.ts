// The records of one scanned chunk as the scanning thread hands them to the reading thread: the bytes
// the records span and, in typed arrays, each record's line and fields. They travel in shared memory,
// a few slots used in turn, so nothing is allocated per batch (transferred buffers are freed only by
// the garbage collector, and on a large heap every collection they bring on costs a full mark).

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
}

/**
 * Writes the records one scan of a buffer hands on (all of them ranges of the same buffer) straight into
 * a slot: `acquire` gives the slot when a batch starts (waiting until the reading thread is done with
 * it); a batch larger than its slot moves to a larger one. At the end of the batch the bytes from the
 * first record's first field to the last record's last are copied in (the scanner reuses its buffer),
 * the field offsets being relative to them.
 */
export class BatchWriter {
  private slot: BatchSlot | undefined;
  records = 0;
  private fields = 0;
  private buf: Uint8Array | undefined;
  /** Where the batch's bytes begin in the scanner's buffer, and end. */
  private lo = 0;
  private hi = 0;

  constructor(private readonly acquire: () => BatchSlot) {}

  /** Takes one record (valid only during the scanner's callback). */
  add(rec: ByteRecord): void {
    const r = this.records;
    let slot = this.slot as BatchSlot;
    if (r === 0) {
      slot = this.acquire();
      this.slot = slot;
      this.buf = rec.buf;
      // A quoted first field starts after its quote: the quote stays out, as it is never read.
      this.lo = rec.starts[0] as number;
    }
    let f = this.fields;
    const n = rec.count;
    if (r + 1 >= slot.size.records || f + n > slot.size.fields) slot = this.grow(r + 2, f + n, 0);
    const lo = this.lo;
    const { starts, ends, flags } = rec;
    const to = slot.starts;
    const toEnds = slot.ends;
    const toFlags = slot.flags;
    slot.lines[r] = rec.line;
    slot.firsts[r] = f;
    for (let i = 0; i < n; i++, f++) {
      to[f] = (starts[i] as number) - lo;
      toEnds[f] = (ends[i] as number) - lo;
      toFlags[f] = flags[i] as number;
    }
    const end = ends[n - 1] as number;
    if (end > this.hi) this.hi = end;
    this.fields = f;
    this.records = r + 1;
  }

  /** Ends the batch: its bytes copied into its slot; undefined when no record was taken. */
  finish(): { slot: BatchSlot; records: number } | undefined {
    const records = this.records;
    if (records === 0 || !this.slot || !this.buf) return undefined;
    const bytes = Math.max(0, this.hi - this.lo);
    const slot = bytes > this.slot.size.bytes ? this.grow(0, 0, bytes) : this.slot;
    slot.firsts[records] = this.fields;
    slot.bytes.set(this.buf.subarray(this.lo, this.hi));
    this.records = 0;
    this.fields = 0;
    this.buf = undefined;
    this.lo = 0;
    this.hi = 0;
    return { slot, records };
  }

  /** Moves the batch to a slot of at least this size (twice the old where it is short), what it holds copied. */
  private grow(records: number, fields: number, bytes: number): BatchSlot {
    const old = this.slot as BatchSlot;
    const more = (k: number, was: number) => (k > was ? Math.max(k + 64, was * 2) : was);
    const next = BatchSlot.of({
      records: more(records, old.size.records),
      fields: more(fields, old.size.fields),
      bytes: more(bytes, old.size.bytes),
    });
    const r = this.records;
    const f = this.fields;
    next.lines.set(old.lines.subarray(0, r));
    next.firsts.set(old.firsts.subarray(0, r));
    next.starts.set(old.starts.subarray(0, f));
    next.ends.set(old.ends.subarray(0, f));
    next.flags.set(old.flags.subarray(0, f));
    this.slot = next;
    return next;
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
