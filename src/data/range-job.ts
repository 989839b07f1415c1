// One byte range of a CSV file, read as the one-thread reader reads the whole file: its records found,
// decoded into trade rows, filtered, and the kept rows written to batches (row-wire.ts). It runs on a
// range-reading thread (range-worker.ts), or on the calling thread in tests. What it says at the end lets
// range-read.ts join the ranges into exactly what one thread reading the file would have found.

import { open } from 'node:fs/promises';
import { newReport, type ReadReport, type RowFilter } from '../model/rows.js';
import type { BlankStretch } from './blank-runs.js';
import { decodeError } from './csv-dialect.js';
import { type DecodeState, decodeToUtf8, encodingLabel } from './decode.js';
import { changedWhileRead, sameFile, unreadable } from './file-input.js';
import type { FileOnDisk } from './inputs.js';
import type { ReadOptions } from './read-options.js';
import { type RowBatch, RowWriter } from './row-wire.js';
import { CsvScanner } from './scan-csv.js';
import { toWire, type WireError } from './scan-messages.js';
import { SharedCaches } from './shared-caches.js';
import { TradeFile } from './trade-file.js';

/** What every range of one read is read with. */
export interface RangeSetup {
  /** The read's number in the process: a thread's caches are for one read's options and filter. */
  id: number;
  options: Omit<ReadOptions, 'onProgress'>;
  filter: RowFilter;
}

/** One range: its records are those that start at `start` or after and before `stop`. */
export interface RangeJob {
  id: number;
  /** The read's options and filter (sent with each job: threads are kept from read to read). */
  setup: RangeSetup;
  file: FileOnDisk;
  name: string;
  /** Where its first record starts (a guess until the range before has been read: range-read.ts checks). */
  start: number;
  /** Where the range after it starts; undefined for the last, which reads to the end. */
  stop: number | undefined;
  /** Bytes of the UTF-8 byte-order mark at the file's start (the decoder leaves it out). */
  bom: number;
  delimiter: number;
}

/** A stretch of blank rows: first and last line, and how many. */
export interface Stretch {
  first: number;
  last: number;
  rows: number;
}

/** What a range's reading says at its end. */
export interface RangeEnd {
  id: number;
  /** Where the scan stopped: the start of the first record at `stop` or after (the file's size at its end). */
  stoppedAt: number;
  /** The scan reached the end of the file. */
  atEnd: boolean;
  /**
   * How its lines count: 'range' from 1 at `start` (the header was found before it), 'file' from the file's
   * first line (the header was looked for up to and into the range: the range was read from the start).
   */
  lines: 'range' | 'file';
  /** The line the next range starts on, counted as the range's lines are. */
  nextLine: number;
  /** What the range's rows made of the report; `files` holds its FileStats once the header was found. */
  report: ReadReport;
  /** Blank rows at the range's start, followed by data (they go on the stretch the range before ended with). */
  held: Stretch | undefined;
  /** Blank rows at the range's end, not yet followed by data. */
  pending: Stretch | undefined;
  /** A record that is not blank came after the header: blank rows before the range were between data rows. */
  nonBlank: boolean;
  encoding: string;
  error: WireError | undefined;
}

/** A message of a range's reading: a batch of its rows, or its end. */
export type RangeMessage =
  | { type: 'rows'; id: number; batch: RowBatch; lines: RangeEnd['lines'] }
  | ({ type: 'end' } & RangeEnd);

/** The bytes of a file from `from` to the size it had when first opened, a chunk at a time (two buffers in turn). */
async function* bytesFrom(file: FileOnDisk, name: string, from: number): AsyncGenerator<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file.path, 'r');
  } catch (err) {
    throw unreadable(name, err);
  }
  try {
    const s = await handle.stat();
    const id = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, dev: s.dev };
    if (file.opened && !sameFile(file.opened, id)) {
      throw changedWhileRead(name, file.opened.size, id.size, id.ino !== file.opened.ino);
    }
    let cur = Buffer.allocUnsafe(file.chunk);
    let next = Buffer.allocUnsafe(file.chunk);
    let pos = from;
    while (pos < file.bytes) {
      const { bytesRead } = await handle.read(cur, 0, Math.min(cur.length, file.bytes - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      yield cur.subarray(0, bytesRead);
      [cur, next] = [next, cur];
    }
  } finally {
    await handle.close();
  }
}

/** A decoded stream the scanner is fed from, which can be left and taken up again. */
class Feed {
  readonly state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: 'utf8', fallback: undefined };
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(
    bytes: AsyncIterable<Buffer>,
    private readonly name: string,
  ) {
    this.chunks = decodeToUtf8(bytes, 'utf8', this.state)[Symbol.asyncIterator]();
  }

  /**
   * Pushes chunks until the scanner stops (true) or the input ends (false: the last record scanned);
   * where a decode problem cut the input, the records before it are handed on and the problem is thrown.
   */
  async run(scanner: CsvScanner): Promise<boolean> {
    while (!scanner.stopped) {
      const { done, value } = await this.chunks.next();
      if (done) break;
      scanner.push(value);
    }
    if (scanner.stopped) return true;
    const problem = this.state.problem;
    if (problem) {
      const line = scanner.lineAtEnd();
      scanner.endAtCut();
      throw decodeError(this.name, problem, line);
    }
    scanner.end();
    return false;
  }

  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}

function stretch(s: BlankStretch | undefined): Stretch | undefined {
  return s && s.rows > 0 ? { first: s.first, last: s.last, rows: s.rows } : undefined;
}

/**
 * Reads one range, sending its rows in batches through `send` as they are made, then returns its end.
 * A range after the first looks for the header from the file's start (the same search the one-thread
 * reader makes), then reads its own bytes with lines counted from 1. `caches` hold from range to range
 * (a thread's ranges share them, as the one-thread reader's files do): each code is looked up once a thread.
 */
export async function readRange(
  job: RangeJob,
  setup: RangeSetup,
  send: (m: RangeMessage) => void,
  caches: SharedCaches = new SharedCaches(setup.options, setup.filter),
): Promise<RangeEnd> {
  const report = newReport();
  const { options, filter } = setup;
  const meta = { encoding: 'utf8' };
  const end: RangeEnd = {
    id: job.id,
    stoppedAt: 0,
    atEnd: false,
    lines: 'file',
    nextLine: 1,
    report,
    held: undefined,
    pending: undefined,
    nonBlank: false,
    encoding: 'utf8',
    error: undefined,
  };
  const writer = new RowWriter((batch) => send({ type: 'rows', id: job.id, batch, lines: end.lines }));
  const file = new TradeFile(job.name, options, report, filter, caches, (row) => writer.add(row), true);
  const feeds: Feed[] = [];
  const feed = (from: number) => {
    const f = new Feed(bytesFrom(job.file, job.name, from), job.name);
    feeds.push(f);
    return f;
  };
  const stopOf = (base: number) => (job.stop === undefined ? Number.POSITIVE_INFINITY : job.stop - base);
  try {
    const head = feed(0);
    let scan = head;
    let base = job.bom; // where the scanner's input starts in the file (the decoder leaves the mark out)
    let scanner = new CsvScanner(job.name, job.delimiter, (r) => file.record(r, meta));
    let ended = false;
    if (job.start > 0) {
      // The header, from the file's start: the scan stops at the record after it, or at the range's start.
      let searching = true;
      const s: CsvScanner = new CsvScanner(job.name, job.delimiter, (r) => {
        file.record(r, meta);
        if (searching && file.columns) s.stopAt = -1;
      });
      s.stopAt = job.start - job.bom;
      const stopped = await head.run(s);
      searching = false;
      if (!stopped) {
        ended = true;
        scanner = s;
      } else if (file.columns) {
        // Found before the range: its own bytes are read, lines counted from its start.
        await head.close();
        end.lines = 'range';
        file.holdFrom = 1;
        scan = feed(job.start);
        base = job.start;
        scanner.stopAt = stopOf(base);
      } else {
        // Not found yet: the search goes on into the range, read on from here.
        file.holdFrom = s.nextLine;
        scanner = s;
        s.resume(stopOf(base));
      }
    } else scanner.stopAt = stopOf(base);
    const stopped = ended ? false : await scan.run(scanner);
    end.atEnd = !stopped;
    end.stoppedAt = stopped ? base + scanner.stoppedAt : job.file.bytes;
    end.nextLine = scanner.nextLine;
    end.encoding = encodingLabel(head.state);
  } catch (err) {
    end.error = toWire(err);
  } finally {
    for (const f of feeds) await f.close();
    writer.flush();
  }
  end.held = stretch(file.heldBlank);
  end.pending = stretch(file.pending);
  end.nonBlank = file.nonBlank;
  file.noteCategories();
  return end;
}
