#!/usr/bin/env node
// Thin shim: the only place that touches process exit state.
import { main } from '../dist/cli.js';
import { writeFailure } from '../dist/output/write-error.js';

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

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
