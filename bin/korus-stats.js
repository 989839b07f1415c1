#!/usr/bin/env node
// Thin shim: the only place that touches process exit state.
import { main } from '../dist/cli.js';

// A closed stdout (`korus-stats ... | head`) is success: the reader has what it wanted.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});
// A closed stderr (`... 2>&1 | head -1`) only stops the messages: the exit code still tells the outcome.
process.stderr.on('error', (err) => {
  if (!err || err.code !== 'EPIPE') throw err;
});

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
