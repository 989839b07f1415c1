// A range-reading thread: reads the byte ranges of a file it is handed (range-job.ts), one after another,
// and sends each range's rows in batches and then its end to the thread that adds them up (range-read.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { type RangeJob, type RangeMessage, type RangeSetup, readRange } from './range-job.js';
import { SharedCaches } from './shared-caches.js';

const setup = workerData as RangeSetup;
const caches = new SharedCaches(setup.options, setup.filter);
const port = parentPort;
let queue: Promise<void> = Promise.resolve();

function send(m: RangeMessage): void {
  if (m.type === 'rows')
    port?.postMessage(m, [m.batch.ints.buffer as ArrayBuffer, m.batch.values.buffer as ArrayBuffer]);
  else port?.postMessage(m);
}

port?.on('message', (job: RangeJob) => {
  queue = queue.then(async () => {
    const end = await readRange(job, setup, send, caches);
    send({ type: 'end', ...end });
  });
});
