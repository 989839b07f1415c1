#!/usr/bin/env node
// Thin shim: the only place that touches process exit state.
import { writeFailure } from '../dist/output/write-error.js';
import { quickAnswer } from '../dist/quick-answer.js';

// A closed stdout (`korus-stats ... | head`) is success: the reader has what it wanted. Any other write
// failure (a full disk, an I/O error) is one line and exit 2: the output is incomplete, the data not at fault.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`korus-stats: error: ${writeFailure(err)}\n`);
  process.exit(2);
});
// A closed stderr (`... 2>&1 | head -1`) only stops the messages: the exit code still tells the outcome.
// A stderr that cannot be written at all leaves only the exit code to say so.
process.stderr.on('error', (err) => {
  if (err?.code !== 'EPIPE') process.exit(2);
});

// With --output, a signal (Ctrl-C) first removes the temporary file not yet in place, then stops the process
// as the signal would have. Without it no handler is set: a signal stops the process at once.
if (process.argv.some((a) => a === '--output' || a.startsWith('--output=') || /^-[a-zA-Z]*o/.test(a))) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      const { removePendingOutputs } = await import('../dist/output/atomic-file.js');
      removePendingOutputs();
      process.kill(process.pid, signal);
    });
  }
}

// `--version` alone is answered without loading the CLI (commander and the commands' declarations).
const argv = process.argv.slice(2);
const quick = quickAnswer(argv);
if (quick !== undefined) {
  process.stdout.write(quick);
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}
