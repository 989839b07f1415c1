// The scanning thread: reads one file (gunzips it, checks and converts its encoding, counts its line
// endings when asked) and finds its records, handing them on in batches to the thread that reads them.

import { parentPort, workerData } from 'node:worker_threads';
import { type DecodeState, decodeToUtf8, encodingLabel } from './decode.js';
import { reopened } from './file-input.js';
import { BatchSlot, BatchWriter } from './record-batch.js';
import { CsvScanner, scanDecoded } from './scan-csv.js';
import { AHEAD, type ScanJob, type ScanMessage, toWire, type WireError } from './scan-messages.js';
import { counted, type EndingCount } from './validate-line-endings.js';

const job = workerData as ScanJob;
const port = parentPort;
const control = new Int32Array(job.control);
const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: job.encoding, fallback: job.fallback };
const slots: BatchSlot[] = [];
/** The memory of each slot the reading thread has been sent. */
const known: SharedArrayBuffer[] = [];
let sent = 0;

/** The slot of the next batch, once the reading thread has finished the batch AHEAD before it. */
function acquire(): BatchSlot {
  for (;;) {
    const done = Atomics.load(control, 0);
    if (sent - done < AHEAD || Atomics.load(control, 1) === 1) break;
    Atomics.wait(control, 0, done, 200);
  }
  const n = sent % AHEAD;
  let slot = slots[n];
  if (!slot) {
    slot = BatchSlot.of({ records: 8192, fields: 65536, bytes: job.file.chunk + 4096 });
    slots[n] = slot;
  }
  return slot;
}

const writer = new BatchWriter(acquire);

/** Hands on the records scanned since the last batch. */
function send(): void {
  const batch = writer.finish();
  if (!batch) return;
  const n = sent % AHEAD;
  const { slot, records } = batch;
  slots[n] = slot;
  const fresh = known[n] !== slot.memory;
  known[n] = slot.memory;
  const message: ScanMessage = {
    type: 'batch',
    slot: n,
    records,
    memory: fresh ? { memory: slot.memory, size: slot.size } : undefined,
    bytesIn: state.bytesIn,
    encoding: encodingLabel(state),
  };
  port?.postMessage(message);
  sent++;
}

async function scan(endings: EndingCount | undefined): Promise<void> {
  const scanner = new CsvScanner(job.name, job.delimiter, (r) => writer.add(r), send);
  const bytes = counted(reopened(job.name, job.file), endings).open({ reuse: true });
  const utf8 = decodeToUtf8(bytes, job.encoding, state);
  // As eachRecord's one-thread reading does: the records before a problem are handed on, then the problem.
  for await (const _ of scanDecoded(scanner, utf8, state, job.name, () => {})) {
    send();
    if (Atomics.load(control, 1) === 1) return;
  }
  send();
}

async function main(): Promise<void> {
  const endings = job.countEndings
    ? { counts: { crlf: 0, lf: 0, cr: 0 }, first: { crlf: 0, lf: 0, cr: 0 } }
    : undefined;
  let error: WireError | undefined;
  try {
    await scan(endings);
  } catch (err) {
    error = toWire(err);
  }
  const message: ScanMessage = {
    type: 'end',
    endings,
    error,
    bytesIn: state.bytesIn,
    encoding: encodingLabel(state),
  };
  port?.postMessage(message);
}

void main();
