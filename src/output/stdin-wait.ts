import { Readable } from 'node:stream';
import type { OutStream } from '../io.js';

/** What `--data -` says when it reads a terminal: it is waiting for what is typed, not stuck. */
export const STDIN_WAITING = 'korus-stats: reading standard input (end with Ctrl-D) ...';

/**
 * Standard input as the commands get it: from a terminal, the first read says on `stderr` that it waits
 * for input, once, and then reads on as `cat` does; from a pipe or a file it is standard input itself.
 */
export function announcedStdin(stdin: Readable & { isTTY?: boolean }, stderr: OutStream): Readable {
  if (!stdin.isTTY) return stdin;
  async function* announced(): AsyncGenerator<Buffer> {
    stderr.write(`${STDIN_WAITING}\n`);
    yield* stdin;
  }
  return Readable.from(announced(), { objectMode: false });
}
