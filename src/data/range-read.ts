// Range-parallel reading of a large CSV file: the file is cut into byte ranges (range-split.ts), each read
// by one of several threads into trade rows (range-job.ts, range-worker.ts), and the rows are handed on
// here, range after range, in the file's order, with the ranges' reports joined (range-merge.ts). The
// same rows, lines, counts and first error as one thread reading the file.
//
// A cut is a guess: a line break inside a quoted field is no record end. Each range's reading says where
// its scan really stopped (the first record at its end or after), and the next range is used only if it
// starts exactly there; otherwise it is read again from the true place (a "resync"), so a wrong cut costs
// time, never a row.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import { changedWhileRead, sameFile } from './file-input.js';
import type { InputSource } from './inputs.js';
import { type RangeEnd, type RangeJob, type RangeMessage, type RangeSetup, readRange } from './range-job.js';
import { addReport, FileJoin } from './range-merge.js';
import { rangeStarts } from './range-split.js';
import type { ReadOptions } from './read-options.js';
import { RowReader } from './row-wire.js';
import { fromWire, type WireError } from './scan-messages.js';
import { ThreadUnavailable } from './scan-thread.js';
import { SharedCaches } from './shared-caches.js';

/** The bytes of a range: small enough that the ranges read ahead hold little, large enough to cost little each. */
export const RANGE_BYTES = 8 << 20;
/** The most ranges a file is cut into when they are asked to be smaller than RANGE_BYTES. */
const SMALL_RANGES = 256;

/** Runs range jobs: threads of their own (RangePool), or this thread (tests). */
export interface RangeRunner {
  run(job: RangeJob): RangeHandle;
  close(): Promise<void>;
}

/** The messages of one job, in order. */
export class RangeHandle {
  private readonly queue: RangeMessage[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  put(m: RangeMessage): void {
    this.queue.push(m);
    this.woken();
  }
  fail(e: Error): void {
    this.failure = e;
    this.woken();
  }
  async next(): Promise<RangeMessage> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
  private woken(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}

/** The range-reading threads' module (as scan-thread.ts finds the scanning thread's). */
function workerFile(): URL | undefined {
  const here = new URL('./range-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return here;
  const built = new URL('../../dist/data/range-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

/** Range-reading threads, each given jobs in turn; a job waits for a free thread. */
class RangePool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: Array<{ job: RangeJob; handle: RangeHandle }> = [];
  private readonly handles = new Map<number, RangeHandle>();
  private readonly busy = new Map<Worker, number>();

  constructor(private readonly url: URL) {}

  /** Starts threads until there are `threads`. */
  grow(threads: number): void {
    while (this.all.length < threads) this.add();
  }

  private add(): void {
    const w = new Worker(this.url);
    // An idle thread keeps no process alive: the threads are kept between reads, and let go when idle.
    w.unref();
    w.on('message', (m: RangeMessage) => {
      const h = this.handles.get(m.id);
      h?.put(m);
      if (m.type === 'end') {
        this.handles.delete(m.id);
        this.busy.delete(w);
        w.unref();
        this.idle.push(w);
        this.start();
      }
    });
    const failed = (e: unknown) => {
      const id = this.busy.get(w);
      const err = e instanceof Error ? e : new Error(`a range-reading thread stopped (${String(e)})`);
      if (id !== undefined) this.handles.get(id)?.fail(err);
      for (const { handle } of this.waiting) handle.fail(err);
    };
    w.on('error', failed);
    w.on('exit', (code) => {
      if (this.busy.has(w)) failed(new Error(`a range-reading thread exited (code ${code})`));
    });
    this.all.push(w);
    this.idle.push(w);
  }

  run(job: RangeJob): RangeHandle {
    const handle = new RangeHandle();
    this.waiting.push({ job, handle });
    this.start();
    return handle;
  }

  private start(): void {
    while (this.idle.length && this.waiting.length) {
      const w = this.idle.pop() as Worker;
      const { job, handle } = this.waiting.shift() as { job: RangeJob; handle: RangeHandle };
      this.handles.set(job.id, handle);
      this.busy.set(w, job.id);
      w.ref();
      w.postMessage(job);
    }
  }
}

/** Runs jobs on this thread, one at a time (tests of the joining, without threads). */
export class InThreadRunner implements RangeRunner {
  private chain: Promise<void> = Promise.resolve();
  private readonly caches: SharedCaches;
  constructor(private readonly setup: RangeSetup) {
    this.caches = new SharedCaches(setup.options, setup.filter);
  }
  run(job: RangeJob): RangeHandle {
    const handle = new RangeHandle();
    this.chain = this.chain.then(async () => {
      const end = await readRange(job, this.setup, (m) => handle.put(m), this.caches);
      handle.put({ type: 'end', ...end });
    });
    return handle;
  }
  async close(): Promise<void> {
    await this.chain;
  }
}

/**
 * Threads that read ranges: --threads (KORUS_THREADS) when it asks for 3 or more, else none. On two cores
 * ranges are slower than a scanning thread beside the reading one (the rows still cross to this thread to
 * be added up: measured 1.1x the time on 10 million rows, 3x on 3 million distinct partners), so they are
 * never the default.
 */
export function rangeThreads(options: ReadOptions): number {
  const t = options.threads ?? 1;
  return t >= 3 ? t : 1;
}

/**
 * Whether a CSV input is read in ranges: --threads 3 or more, a plain (not gzipped) file, UTF-8 with no
 * other encoding to fall back on, and the byte scanner.
 */
export function rangesFit(
  input: InputSource,
  options: ReadOptions,
  fallback: string | undefined,
  head: Uint8Array,
): boolean {
  const file = input.file;
  if (!file || input.once || file.gzip || fallback !== undefined) return false;
  if (options.dialect.encoding !== 'utf8' || rangeThreads(options) < 3) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  return workerFile() !== undefined;
}

let testRunner: ((setup: RangeSetup) => RangeRunner) | undefined;

/** Tests run the ranges on this thread (InThreadRunner), or count the reads made in ranges; undefined undoes it. */
export function runRangesWith(runner: ((setup: RangeSetup) => RangeRunner) | undefined): void {
  testRunner = runner;
}

/**
 * Range-reading threads kept from read to read (starting one costs more than a small file's read): started
 * for the first file read in ranges, grown when a read asks for more, idle ones holding no process alive.
 * A thread keeps the caches of the last read it served (they hold across that read's files, as the
 * one-thread reader's do).
 */
export class RangeThreads {
  private pool: RangePool | undefined;

  /** A runner on these threads, `threads` of them at least; its close() leaves them running. */
  runner(threads: number): RangeRunner {
    if (!this.pool) {
      const url = workerFile();
      if (!url) throw new ThreadUnavailable(new Error('no range-reading module'));
      this.pool = new RangePool(url);
    }
    const pool = this.pool;
    try {
      pool.grow(threads);
    } catch (err) {
      throw new ThreadUnavailable(err);
    }
    return { run: (job) => pool.run(job), close: async () => {} };
  }
}

/** The process's range-reading threads. */
export const rangeThreadsOfProcess = new RangeThreads();

/** Each read's setup is numbered: a thread builds its caches again for another read's. */
let nextSetup = 0;

/** Jobs are numbered across the reads of a process: a thread's late answer to a left job is never taken for another's. */
let nextJob = 0;

/** One CSV file to read in ranges. */
export interface RangeRead {
  input: InputSource;
  options: ReadOptions;
  filter: RowFilter;
  delimiter: string;
  onRow: (row: TradeRow) => void;
  report: ReadReport;
  meta: { encoding: string; bytes?: number };
  /** The file's first bytes, as the reader looked at them (a UTF-8 byte-order mark is left out of ranges). */
  head: Uint8Array;
}

/** Rows of the ranges the threads may have read ahead of the one being handed on (bounds memory). */
const AHEAD = 2;

/**
 * Reads the file in ranges, handing its rows to `onRow` in order and joining its report into `report`;
 * yields the bytes handed on so far. Returns false, having handed on nothing, when the file must be read
 * on one thread instead: it has no header or no data row (the one-thread reader says which, at its line).
 */
export async function* readRanges(read: RangeRead): AsyncGenerator<number, boolean> {
  const { input, options, filter, onRow } = read;
  const file = input.file;
  if (!file) throw new Error('readRanges: not a file');
  const delimiter = read.delimiter.charCodeAt(0);
  const { onProgress: _, ...rest } = options;
  const setup: RangeSetup = { id: nextSetup++, options: rest, filter };
  const h = read.head;
  const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 3 : 0;
  // Ranges smaller than RANGE_BYTES (tests ask for them) are at most SMALL_RANGES to a file: each costs a
  // look for the header, and a large file cut every 64 bytes would be all looking.
  const asked = options.rangeBytes ?? RANGE_BYTES;
  const rangeBytes = Math.max(asked, Math.min(RANGE_BYTES, Math.ceil(file.bytes / SMALL_RANGES)));
  const starts = rangeStarts(file.path, file.bytes, rangeBytes, delimiter);
  const threads = Math.min(rangeThreads(options), starts.length);
  const runner = testRunner?.(setup) ?? rangeThreadsOfProcess.runner(threads);
  // Counts go into the report as each range ends (the progress line shows them); a file handed back to
  // the one-thread reader has none (no data row was read).
  const report = read.report;
  const join = new FileJoin();
  const job = (start: number, stop: number | undefined): RangeJob => ({
    id: nextJob++,
    setup,
    file,
    name: input.name,
    start,
    stop,
    bom,
    delimiter,
  });
  // Planned ranges, started AHEAD at a time beyond the one handed on.
  const planned = starts.map((s, i) => ({
    start: s,
    stop: starts[i + 1],
    handle: undefined as RangeHandle | undefined,
  }));
  let started = 0;
  const startAhead = (from: number) => {
    while (started < planned.length && started <= from + AHEAD) {
      const p = planned[started++] as (typeof planned)[number];
      p.handle = runner.run(job(p.start, p.stop));
    }
  };
  let expected = 0; // where the next record starts, as the ranges read so far found
  let line = 1; // its line
  let atEnd = false;
  let listed = false;
  try {
    for (let i = 0; !atEnd; ) {
      startAhead(i);
      const p = planned[i];
      let handle: RangeHandle;
      let stop: number | undefined;
      if (p && p.start < expected) {
        p.handle = undefined; // read already, by the range before (its last record ran past this cut)
        i++;
        continue;
      }
      if (p && p.start === expected) {
        handle = p.handle as RangeHandle;
        stop = p.stop;
        i++;
      } else {
        // A cut that was no record start: from where the last range really stopped to the next cut.
        stop = p?.start;
        handle = runner.run(job(expected, stop));
      }
      const end = await handOn(handle, input.name, line, onRow);
      const lineBase = end.lines === 'range' ? line - 1 : 0;
      // The report as one thread leaves it, also when the range ends in an error: its stats listed once
      // the header is found, the rows before the error counted.
      addReport(report, end.report);
      join.add(end, lineBase);
      if (join.stats && !listed) {
        report.files.push(join.stats);
        listed = true;
      }
      if (end.error) throw fromWire(rebased(end.error, lineBase));
      read.meta.encoding = end.encoding;
      expected = end.stoppedAt;
      line = end.nextLine + lineBase;
      atEnd = end.atEnd;
      yield expected;
    }
  } finally {
    await runner.close();
  }
  await checkUnchanged(input);
  const stats = join.stats;
  if (!stats || stats.rows === 0) {
    if (stats) report.files.splice(report.files.indexOf(stats), 1);
    return false;
  }
  read.meta.bytes = file.bytes;
  return true;
}

/** Hands on a job's rows as they come, lines counted from the file's start; returns its end. */
async function handOn(
  handle: RangeHandle,
  name: string,
  firstLine: number,
  onRow: (row: TradeRow) => void,
): Promise<RangeEnd> {
  let reader: RowReader | undefined;
  for (;;) {
    const m = await handle.next();
    if (m.type === 'end') return m;
    // A range read from its own start counts its lines from 1; one read from the file's start, as the file.
    reader ??= new RowReader(name, m.lines === 'range' ? firstLine - 1 : 0);
    reader.replay(m.batch, onRow);
  }
}

/** An error of a range, at its line in the file. */
function rebased(err: WireError, lineBase: number): WireError {
  if (err.kind !== 'input' || err.location.line === undefined) return err;
  return { ...err, location: { ...err.location, line: err.location.line + lineBase } };
}

/** The file must still be the one first opened, as the one-thread reader checks at its end. */
async function checkUnchanged(input: InputSource): Promise<void> {
  const file = input.file;
  if (!file?.opened) return;
  const s = await stat(file.path).catch(() => undefined);
  const id = s && { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, dev: s.dev };
  if (id && sameFile(file.opened, id)) return;
  const replaced = !id || id.ino !== file.opened.ino || id.dev !== file.opened.dev;
  throw changedWhileRead(input.name, file.opened.size, id?.size ?? file.opened.size, replaced);
}
