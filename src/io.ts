import type { Readable, Writable } from 'node:stream';

/** An output stream as the CLI sees it: process.stdout/stderr, or a fake one in tests. */
export type OutStream = Writable & {
  isTTY?: boolean;
  /** A terminal's width in characters. */
  columns?: number;
  getColorDepth?: (env?: NodeJS.ProcessEnv) => number;
};

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface Io {
  stdin: Readable;
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}
