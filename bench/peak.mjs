// Runs korus-stats in this process and reports its peak resident memory (maxRSS) and wall time on fd 3,
// so the benchmark measures the whole command with Node's own accounting and no outside tool.
import { writeSync } from 'node:fs';
import { main } from '../dist/cli.js';

const start = process.hrtime.bigint();
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
writeSync(3, JSON.stringify({ code, wallSeconds, maxRssKiB: process.resourceUsage().maxRSS }));
process.exitCode = code;
