import cliProgress from 'cli-progress';
import type { OutStream } from '../io.js';

/** A progress line for a long read; `update` may be called often, it redraws at most ten times a second. */
export interface Progress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

const MB = 1e6;

/**
 * A progress line on `stream` (bytes read, rows, rate, and a bar when the total is known), shown only on a
 * terminal and only once a read has taken `delayMs`, so short runs and pipes never see it.
 */
export function startProgress(
  stream: OutStream,
  totalBytes: number | undefined,
  delayMs = 1000,
): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  const known = totalBytes !== undefined && totalBytes > 0;
  const payload = (bytes: number, rows: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return {
      mb: (bytes / MB).toFixed(0),
      totalMb: known ? (totalBytes / MB).toFixed(0) : '?',
      rows: rows.toLocaleString('en-US'),
      rate: (bytes / MB / seconds).toFixed(0),
    };
  };
  return {
    update(bytes, rows) {
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        bar = new cliProgress.SingleBar({
          stream: stream as NodeJS.WritableStream,
          format: known
            ? 'reading {bar} {percentage}% | {mb}/{totalMb} MB | {rows} rows | {rate} MB/s'
            : 'reading {mb} MB | {rows} rows | {rate} MB/s',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 24,
          noTTYOutput: false,
        });
        bar.start(known ? totalBytes : 1, known ? Math.min(bytes, totalBytes) : 0, payload(bytes, rows));
      }
      bar.update(known ? Math.min(bytes, totalBytes) : 0, payload(bytes, rows));
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The total size of the inputs, when every one is known. */
export function totalSize(inputs: Array<{ size?: number }>): number | undefined {
  let total = 0;
  for (const i of inputs) {
    if (i.size === undefined) return undefined;
    total += i.size;
  }
  return total;
}
