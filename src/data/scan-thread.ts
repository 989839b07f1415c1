// Reading a large file on two threads: a scanning thread (scan-worker.ts) reads, decodes and cuts the
// bytes into records; this thread reads the records as they come, in order, through the same callback the
// serial scanner calls. The same records, lines and errors as the serial scanner, in the same order.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ByteRecord } from './byte-record.js';
import type { FieldReader } from './field-cache.js';
import type { InputSource } from './inputs.js';
import type { ReadOptions } from './read-options.js';
import { BatchSlot, replayBatch } from './record-batch.js';
import { fromWire, type ScanJob, type ScanMessage } from './scan-messages.js';
import type { EndingCount } from './validate-line-endings.js';

/** One CSV input to read through the byte scanner, as eachRecord has sniffed it. */
export interface CsvRead {
  input: InputSource;
  options: ReadOptions;
  delimiter: string;
  fallback: 'windows-1252' | undefined;
  onRecord: (r: FieldReader) => void;
  meta: { encoding: string; bytes?: number };
}

/**
 * Files below this many bytes on disk are read on one thread: starting the thread costs more than it
 * saves (measured on 2 cores: share and validate even at about 32 MiB, slower by 5-15% at 8 and 16 MiB).
 */
export const THREAD_MIN_BYTES = 32 << 20;
/** The same for gzip, which the scanning thread also undoes: 8 MiB of gzip is about 40 MB of CSV. */
export const THREAD_MIN_GZIP_BYTES = 8 << 20;

/**
 * The scanning thread's module: next to this one when built; when this module runs from the TypeScript
 * sources (the test runner), the built copy (`npm test` builds first). Undefined when there is none.
 */
function workerFile(): URL | undefined {
  const here = new URL('./scan-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return here;
  const built = new URL('../../dist/data/scan-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

/**
 * Whether this input is read with a scanning thread: a regular file (not a pipe or stdin) of at least
 * THREAD_MIN_BYTES (THREAD_MIN_GZIP_BYTES gzipped), with a second core, unless `threads` says 1; with
 * `threads` 2, any file.
 */
export function scanThreadFits(input: InputSource, options: ReadOptions): boolean {
  const file = input.file;
  if (!file || input.once) return false;
  const threads = options.threads ?? (availableParallelism() > 1 ? 2 : 1);
  if (threads < 2) return false;
  const min = file.gzip ? THREAD_MIN_GZIP_BYTES : THREAD_MIN_BYTES;
  if (options.threads === undefined && file.bytes < min) return false;
  return workerFile() !== undefined;
}

/** No scanning thread could be started: the file is read on one thread instead. */
export class ThreadUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super(`no scanning thread: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * The records of a file through a scanning thread, handed to `onRecord` in order; yields the bytes read
 * after each batch. A problem the scanner finds is thrown after the records before it, as the serial
 * scanner does; line endings are counted into `endings` when given. Throws ThreadUnavailable, before any
 * record, when the thread cannot be started.
 */
export async function* threadedRecords(
  read: CsvRead,
  endings: EndingCount | undefined,
): AsyncGenerator<number> {
  const { input, options, delimiter, fallback, onRecord, meta } = read;
  const file = input.file;
  const url = workerFile();
  if (!file || !url) throw new Error('threadedRecords: the input is not a file that a thread can read');
  const control = new SharedArrayBuffer(8);
  const done = new Int32Array(control);
  const job: ScanJob = {
    file,
    name: input.name,
    encoding: options.dialect.encoding,
    fallback,
    delimiter: delimiter.charCodeAt(0),
    countEndings: endings !== undefined,
    control,
  };
  let worker: Worker;
  try {
    worker = new Worker(url, { workerData: job });
  } catch (err) {
    throw new ThreadUnavailable(err);
  }
  const queue: ScanMessage[] = [];
  let heard = false;
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const woken = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: ScanMessage) => {
    heard = true;
    queue.push(m);
    woken();
  });
  worker.on('error', (e) => {
    // Before its first word the thread could not start (no thread to be had, its module not loaded).
    failure = heard ? e : new ThreadUnavailable(e);
    woken();
  });
  worker.on('exit', () => {
    exited = true;
    woken();
  });
  const rec = new ByteRecord();
  const slots: BatchSlot[] = [];
  try {
    for (;;) {
      let m = queue.shift();
      while (!m) {
        if (failure) throw failure;
        if (exited) throw new Error(`the scanning thread of ${input.name} stopped before the end`);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        m = queue.shift();
      }
      meta.encoding = m.encoding;
      meta.bytes = m.bytesIn;
      if (m.type === 'batch') {
        if (m.memory) slots[m.slot] = new BatchSlot(m.memory.memory, m.memory.size);
        const slot = slots[m.slot];
        if (!slot) throw new Error(`the scanning thread of ${input.name} sent a batch in no slot`);
        replayBatch(slot, m.records, rec, onRecord);
        Atomics.add(done, 0, 1);
        Atomics.notify(done, 0);
        yield m.bytesIn;
        continue;
      }
      if (endings && m.endings) {
        Object.assign(endings.counts, m.endings.counts);
        Object.assign(endings.first, m.endings.first);
      }
      if (m.error) throw fromWire(m.error);
      return;
    }
  } finally {
    Atomics.store(done, 1, 1);
    Atomics.notify(done, 0);
    await worker.terminate();
  }
}
