#!/usr/bin/env node
// Thin shim: the only place that touches process exit state.
import { main } from '../dist/cli.js';

const quietOnEpipe = (err) => {
  // A closed pipe (`korus-stats ... | head`) is success.
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
};
process.stdout.on('error', quietOnEpipe);
process.stderr.on('error', quietOnEpipe);

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
