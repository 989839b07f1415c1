// A range-reading thread: reads the byte ranges of a file it is handed (range-job.ts), one after another,
// and sends each range's rows in batches and then its end to the thread that adds them up (range-read.ts).

import { parentPort } from 'node:worker_threads';
import { type RangeJob, type RangeMessage, readRange } from './range-job.js';
import { SharedCaches } from './shared-caches.js';

/** The caches of the read the thread last served (they hold across its files and ranges). */
let cached: { setup: number; caches: SharedCaches } | undefined;
const port = parentPort;
let queue: Promise<void> = Promise.resolve();

function send(m: RangeMessage): void {
  if (m.type === 'rows')
    port?.postMessage(m, [m.batch.ints.buffer as ArrayBuffer, m.batch.values.buffer as ArrayBuffer]);
  else port?.postMessage(m);
}

port?.on('message', (job: RangeJob) => {
  queue = queue.then(async () => {
    if (cached?.setup !== job.setup.id) {
      cached = { setup: job.setup.id, caches: new SharedCaches(job.setup.options, job.setup.filter) };
    }
    const end = await readRange(job, job.setup, send, cached.caches);
    send({ type: 'end', ...end });
  });
});
