// npm run bench: peak memory and time of `share` on generated 100k- and 1M-row files.
// Goal (issue 2): memory does not grow with rows; the 1M-row peak is within 1.5x of the 100k-row peak.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './generate.mjs';

const DIR = join(import.meta.dirname, 'out');
const SIZES = [100_000, 1_000_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MAX_RATIO = 1.5;
mkdirSync(DIR, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = [];
for (const rows of SIZES) {
  const file = join(DIR, `trade-${rows}.csv`);
  const expected = await generate(file, rows);
  const args = [
    'share',
    '--data',
    file,
    '--category',
    'apparel',
    '--year',
    '2016',
    '--flow',
    'imports',
    '--json',
    '--quiet',
  ];
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'peak.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) {
      console.error(r.stderr.toString());
      process.exit(2);
    }
    // Check the answer before reporting a time: every partner's value is the generator's sum.
    const out = JSON.parse(r.stdout.toString());
    for (const row of out.rows) {
      if (row.kind === 'partner' && row.valueUsd !== expected.get(row.code)) {
        console.error(`wrong answer for ${row.code}: ${row.valueUsd} != ${expected.get(row.code)}`);
        process.exit(2);
      }
    }
    if (out.rows.length !== expected.size) {
      console.error(`wrong partner count: ${out.rows.length} != ${expected.size}`);
      process.exit(2);
    }
    runs.push(JSON.parse(r.output[3].toString()));
  }
  results.push({
    rows,
    mb: statSync(file).size / 1e6,
    wall: median(runs.map((r) => r.wallSeconds)),
    peakMiB: median(runs.map((r) => r.maxRssKiB)) / 1024,
  });
}

console.log(
  `share --category apparel --year 2016 (${RUNS} runs each, medians; answers checked against the generator)`,
);
console.log('| rows | file MB | seconds | peak RSS MiB |');
console.log('|--:|--:|--:|--:|');
for (const r of results) {
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${r.mb.toFixed(1)} | ${r.wall.toFixed(2)} | ${r.peakMiB.toFixed(1)} |`,
  );
}
const ratio = results[1].peakMiB / results[0].peakMiB;
console.log(`peak memory 1M / 100k rows: ${ratio.toFixed(2)}x (goal: at most ${MAX_RATIO}x)`);
if (ratio > MAX_RATIO) process.exitCode = 1;
