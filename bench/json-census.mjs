// The JSON part of npm run bench (issue 11): a generated US Census API answer (an array of arrays, header
// first, one row a line) read by `share`, and `check --data -` on standard input. Goals: the answer equals
// the CSV reader's on the same rows; peak memory about the same for every size (at most 1.5x from the smallest to
// the largest) and under 150 MiB: the JSON is streamed, not held.
//
// Environment: BENCH_JSON_ROWS=200000,2000000
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 1;
const PARTNERS = [
  ['5800', 'KOREA, SOUTH'],
  ['5700', 'CHINA'],
  ['5520', 'VIETNAM'],
  ['1220', 'CANADA'],
  ['2010', 'MEXICO'],
  ['5380', 'BANGLADESH'],
];

/**
 * Writes a Census answer of `rows` December rows (HS 61/62, 2016; 600 codes, so keys repeat as in a real
 * multi-month download) and the same rows as CSV: the CSV reader's answer is the yardstick.
 */
async function generateCensus(file, csvFile, rows) {
  const out = createWriteStream(file);
  const csv = createWriteStream(csvFile);
  const header = [
    'CTY_CODE',
    'CTY_NAME',
    'GEN_VAL_MO',
    'GEN_VAL_YR',
    'I_COMMODITY',
    'COMM_LVL',
    'SUMMARY_LVL',
    'YEAR',
    'MONTH',
  ];
  let s = `[${JSON.stringify(header)}`;
  let c = `${header.join(',')}\n`;
  let x = 2016;
  for (let i = 0; i < rows; i++) {
    x = (x * 48271) % 2147483647;
    const [code, name] = PARTNERS[i % PARTNERS.length];
    const value = x % 100_000_000;
    const hs = `${i % 2 ? '61' : '62'}${String(i % 300).padStart(8, '0')}`;
    s += `,\n["${code}","${name}","${value % 1000}","${value}","${hs}","HS10","DET","2016","12"]`;
    c += `${code},"${name}",${value % 1000},${value},${hs},HS10,DET,2016,12\n`;
    if (s.length > 1 << 16) {
      // Both waits are set before either is awaited: a stream that drains while the other is awaited
      // would otherwise be waited for after its one 'drain', forever (node exits 13).
      const waits = [];
      if (!out.write(s)) waits.push(new Promise((r) => out.once('drain', r)));
      if (!csv.write(c)) waits.push(new Promise((r) => csv.once('drain', r)));
      await Promise.all(waits);
      s = '';
      c = '';
    }
  }
  await Promise.all([new Promise((r) => out.end(`${s}]\n`, r)), new Promise((r) => csv.end(c, r))]);
}

/** Runs the JSON cases with run.mjs's timer; returns false when a goal is missed. */
export async function benchJson({ root, outDir, runs, once, median, check, hasTime }) {
  const sizes = (process.env.BENCH_JSON_ROWS ?? '200000,2000000').split(',').map(Number);
  const bin = join(root, 'bin/korus-stats.js');
  const results = [];
  for (const rows of sizes) {
    const file = join(outDir, `census-${rows}.json`);
    const csvFile = join(outDir, `census-${rows}.csv`);
    const meta = `${file}.meta.json`;
    if (!(existsSync(meta) && readFileSync(meta, 'utf8') === String(VERSION))) {
      console.log(`generating a ${rows.toLocaleString('en-US')}-row Census JSON answer ...`);
      await generateCensus(file, csvFile, rows);
      writeFileSync(meta, String(VERSION));
    }
    const args = ['share', '-c', 'apparel', '-y', '2016', '--json', '--quiet'];
    const cmd = [process.execPath, bin, ...args, '--data', file];
    const times = [];
    for (let r = 0; r < runs; r++) times.push(once(cmd));
    const rowsOf = (out) => JSON.stringify(JSON.parse(out).rows);
    const yardstick = rowsOf(once([process.execPath, bin, ...args, '--data', csvFile]).out);
    check(
      rowsOf(times[0].out) === yardstick,
      `Census JSON, ${rows.toLocaleString('en-US')} rows: the same partners and values as the same rows in CSV`,
    );
    results.push({
      rows,
      mb: statSync(file).size / 1e6,
      wall: median(times.map((t) => t.wall)),
      peak: median(times.map((t) => t.peak)),
    });
  }
  console.log(`\nshare on a Census JSON answer (${runs} runs each, medians)`);
  console.log('| rows | file MB | seconds | peak MiB |');
  console.log('|--:|--:|--:|--:|');
  for (const r of results)
    console.log(
      `| ${r.rows.toLocaleString('en-US')} | ${r.mb.toFixed(0)} | ${r.wall.toFixed(2)} | ${Number.isNaN(r.peak) ? 'n/a' : r.peak.toFixed(0)} |`,
    );
  if (!hasTime) return;
  const [first, last] = [results[0], results[results.length - 1]];
  check(
    last.peak <= 150,
    `Census JSON, ${last.rows.toLocaleString('en-US')} rows: peak ${last.peak.toFixed(0)} MiB (goal: at most 150 MiB)`,
  );
  check(
    last.peak / first.peak <= 1.5,
    `Census JSON peak memory ${last.rows.toLocaleString('en-US')} / ${first.rows.toLocaleString('en-US')} rows: ${(last.peak / first.peak).toFixed(2)}x (goal: at most 1.5x)`,
  );
  // check --data -: the same JSON on standard input, read again for each category its rules name.
  const big = join(outDir, `census-${last.rows}.json`);
  const piped = once([
    'sh',
    '-c',
    `"${process.execPath}" "${bin}" check "${join(root, 'korus-stats.checks.json')}" --data - --json < "${big}"; test $? -le 1`,
  ]);
  check(
    piped.peak <= 150 || Number.isNaN(piped.peak),
    `check --data - on ${last.mb.toFixed(0)} MB of stdin: peak ${piped.peak.toFixed(0)} MiB (goal: at most 150 MiB)`,
  );
}
