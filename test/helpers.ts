import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { expect } from 'vitest';
import { main } from '../src/cli.js';
import type { OutStream } from '../src/io.js';

/** What an in-process run of the CLI printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable that keeps what is written; isTTY is false like a pipe unless asked. */
export function fakeStream(tty = false, columns?: number): OutStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as OutStream & { text: () => string };
  stream.isTTY = tty;
  if (columns !== undefined) stream.columns = columns;
  if (tty) stream.getColorDepth = (env?: NodeJS.ProcessEnv) => (env?.NO_COLOR !== undefined ? 1 : 8);
  stream.text = () => chunks.join('');
  return stream;
}

/** Runs `korus-stats ...argv` in-process with fake streams; env has no FORCE_COLOR unless given. */
export async function run(
  argv: string[],
  opts: {
    stdin?: string | Buffer;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    tty?: boolean;
    columns?: number;
    /** Standard input is a terminal (what is typed there: `stdin`). */
    stdinTty?: boolean;
  } = {},
): Promise<RunResult> {
  const stdout = fakeStream(opts.tty, opts.columns);
  const stderr = fakeStream(opts.tty);
  const stdin: Readable & { isTTY?: boolean } = Readable.from(
    opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)],
  );
  if (opts.stdinTty) stdin.isTTY = true;
  // npm test runs the suites once per parser, once with a scanning thread for every file and once with
  // every file cut into byte ranges: KORUS_PARSER, KORUS_THREADS and KORUS_RANGE_BYTES pick how the CLI reads.
  const { KORUS_PARSER: parser, KORUS_THREADS: threads, KORUS_RANGE_BYTES: ranges } = process.env;
  const env = {
    ...(parser ? { KORUS_PARSER: parser } : {}),
    ...(threads ? { KORUS_THREADS: threads } : {}),
    ...(ranges ? { KORUS_RANGE_BYTES: ranges } : {}),
    ...opts.env,
  };
  const code = await main(argv, { stdin, stdout, stderr, env, cwd: opts.cwd ?? process.cwd() });
  const result = { code, stdout: stdout.text(), stderr: stderr.text() };
  if (process.env.KORUS_GOLDEN_DIR) record(process.env.KORUS_GOLDEN_DIR, argv, result);
  return result;
}

const seen = new Map<string, number>();
/**
 * KORUS_GOLDEN_DIR=DIR npx vitest run: every in-process run is written to DIR, one JSON line each, so
 * a restructuring can be compared byte for byte with test/golden/compare.mjs (temporary paths masked).
 */
function record(dir: string, argv: string[], result: RunResult): void {
  const { testPath = 'unknown', currentTestName = '' } = expect.getState();
  const base = `${basename(testPath)} > ${currentTestName}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  const mask = (s: string) => s.replaceAll(new RegExp(`${tmpdir()}/[^/\\s'":]+`, 'g'), '<tmp>');
  const line = {
    key: `${base} #${n}`,
    argv: argv.map(mask),
    code: result.code,
    stdout: mask(result.stdout),
    stderr: mask(result.stderr),
  };
  mkdirSync(dir, { recursive: true });
  appendFileSync(
    join(dir, `${basename(testPath)}.${process.env.KORUS_PARSER ?? 'auto'}.jsonl`),
    `${JSON.stringify(line)}\n`,
  );
}

/** Sums numbers exactly enough for share checks (Kahan-free: the inputs are few). */
export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
