// npm run bench: korus-stats against DuckDB (and Miller and awk when installed) on generated trade CSVs.
//
// For each size (default 1M and 10M rows) it generates a deterministic file, checks that every tool gives
// the same answer to "apparel imports by partner, 2016" (values exact, shares within 1e-12), then times the
// tools in turn, run after run (korus, DuckDB, korus, DuckDB, ...), and reports medians of wall time and
// peak memory as GNU time measures them, with korus-stats / DuckDB taken pair by pair.
// Goals (issue 3): on the largest file, at most 2.0x DuckDB's wall time and at most 150 MiB peak memory;
// the same memory for every size. Exit 1 when a goal is missed, 2 when the answers disagree.
//
// BENCH_BASELINE=DIR adds another checkout's korus-stats (built) to the runs, timed pair by pair with this
// one: a restructuring must stay within 5% of the code before it (issue 10), measured in the same run.
//
// On the same files, pair by pair (issue 13): trend, breakdown and validate against DuckDB queries of the same
// questions (bench/pairs.mjs: bench/duckdb-trend.mjs, duckdb-breakdown.mjs, whose SQL is made from the
// catalog's HS prefixes, and duckdb-duplicates.mjs), each pair's answers checked first (values exact, shares
// within 1e-12; exit 2 when they disagree), then run in turn, korus-stats, DuckDB, korus-stats, ... One table
// for the four pairs: medians of wall time, CPU time (user + system) and peak memory of each whole process,
// by GNU time, and korus-stats / DuckDB as the median of the ratios pair by pair.
//
// Then share on 3M distinct partners against 200 (bench/partners.mjs; goal: at most 2x the time per row).
//
// Environment: BENCH_ROWS=1000000,10000000  BENCH_RUNS=5  DUCKDB_THREADS=2  BENCH_BASELINE=../before
// BENCH_PARTNER_ROWS=3000000 (0 skips it)  BENCH_VALIDATE_ROWS=100000,1000000
// BENCH_VALIDATE_SCALE_ROWS=10000000
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { GENERATOR_VERSION, generate, generateValid } from './generate.mjs';
import { benchJson } from './json-census.mjs';
import { COMPARED, pairs } from './pairs.mjs';
import { benchPartners } from './partners.mjs';
import { validateScale } from './validate-scale.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(import.meta.dirname, 'out');
const SIZES = (process.env.BENCH_ROWS ?? '1000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MAX_RATIO = 2.0;
const MAX_PEAK_MIB = 150;
const MAX_MEMORY_GROWTH = 1.5;
const GNU_TIME = '/usr/bin/time';
const BASELINE = process.env.BENCH_BASELINE;
const MAX_BASELINE_RATIO = 1.05;
const DUCKDB_THREADS = process.env.DUCKDB_THREADS ?? '2';
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'src/catalog/categories.json'), 'utf8'));

mkdirSync(OUT, { recursive: true });
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const hasTime = existsSync(GNU_TIME);
if (!hasTime)
  console.log(
    'note: GNU time (/usr/bin/time, Debian package "time") is missing: peak memory is not measured',
  );

// DuckDB is a benchmark-only dependency, kept out of the package: bench/package.json has it.
if (!existsSync(join(import.meta.dirname, 'node_modules/@duckdb/node-api'))) {
  console.log('installing the benchmark-only dependencies (bench/package.json: @duckdb/node-api) ...');
  execFileSync('npm', ['ci', '--prefix', import.meta.dirname, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
}

/** The tools, each a command and a parser of its output into {partner: value}. */
function tools(file) {
  const list = [
    {
      name: 'korus-stats',
      cmd: [
        process.execPath,
        join(ROOT, 'bin/korus-stats.js'),
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
      ],
      parse: (out) =>
        Object.fromEntries(
          JSON.parse(out)
            .rows.filter((r) => r.kind === 'partner')
            .map((r) => [r.code, [r.valueUsd, r.share]]),
        ),
    },
    {
      name: `DuckDB (${DUCKDB_THREADS} threads)`,
      cmd: [process.execPath, join(import.meta.dirname, 'duckdb-share.mjs'), file],
      parse: (out) => JSON.parse(out),
    },
  ];
  if (BASELINE) {
    const bin = join(BASELINE, 'bin/korus-stats.js');
    if (!existsSync(join(BASELINE, 'dist/cli.js')))
      throw new Error(`BENCH_BASELINE: no built ${bin} (run npm run build there)`);
    list.push({
      ...list[0],
      name: 'korus-stats (baseline)',
      cmd: list[0].cmd.map((a) => (a.endsWith('bin/korus-stats.js') ? bin : a)),
    });
  }
  if (has('mlr')) {
    list.push({
      name: 'Miller',
      cmd: [
        'mlr',
        '--icsv',
        '--ojson',
        'filter',
        '$year == 2016 && $flow == "imports" && string($hs_code) =~ "^6[12]"',
        'then',
        'stats1',
        '-a',
        'sum',
        '-f',
        'value_usd',
        '-g',
        'partner',
        file,
      ],
      parse: (out) =>
        withShares(Object.fromEntries(JSON.parse(out).map((r) => [r.partner, Number(r.value_usd_sum)]))),
    });
  }
  if (has('awk')) {
    // The partner name (column 4) may hold a quoted comma: count the other columns from the end.
    list.push({
      name: 'awk',
      cmd: [
        'awk',
        '-F,',
        'NR > 1 && $1 == 2016 && $(NF-1) == "imports" && $(NF-2) ~ /^6[12]/ { s[$3] += $NF } END { for (k in s) printf "%s %.0f\\n", k, s[k] }',
        file,
      ],
      parse: (out) =>
        withShares(
          Object.fromEntries(
            out
              .trim()
              .split('\n')
              .map((l) => l.split(' '))
              .map(([k, v]) => [k, Number(v)]),
          ),
        ),
    });
  }
  return list;
}

function withShares(values) {
  const total = Object.values(values).reduce((a, v) => a + v, 0);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v, v / total]]));
}

/**
 * Runs a command once: its output, wall seconds, CPU seconds (user + system) and peak resident memory (MiB)
 * of the whole process, as GNU time measures them (wall time by the clock around it, to the nanosecond).
 */
function once(cmd) {
  const args = hasTime ? [GNU_TIME, '-f', '%e %U %S %M', ...cmd] : cmd;
  const start = process.hrtime.bigint();
  const r = spawnSync(args[0], args.slice(1), { maxBuffer: 1 << 28, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed:\n${r.stderr}`);
  let peak = Number.NaN;
  let cpu = Number.NaN;
  if (hasTime) {
    const [, user, sys, kib] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    cpu = user + sys;
    peak = kib / 1024;
  }
  return { out: r.stdout, wall, cpu, peak };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Generates the file unless one from this generator version is there; returns the generator's sums if it ran. */
async function ensureFile(rows) {
  const file = join(OUT, `trade-${rows}.csv`);
  const meta = `${file}.meta.json`;
  const want = JSON.stringify({ rows, version: GENERATOR_VERSION });
  if (existsSync(file) && existsSync(meta) && readFileSync(meta, 'utf8') === want) return { file };
  console.log(`generating ${rows.toLocaleString('en-US')} rows ...`);
  const expected = await generate(file, rows);
  writeFileSync(meta, want);
  return { file, expected };
}

let failed = false;
let disagree = false;
const results = [];
/** The four pairs' times: { command, rows, korus: runs, duck: runs }, run by run. */
const paired = [];
const loadBefore = loadavg();
for (const rows of SIZES) {
  const { file, expected } = await ensureFile(rows);
  const list = tools(file);
  const others = pairs({ root: ROOT, file, catalog: CATALOG });
  // The answers first: every tool's values equal korus-stats' exactly, shares within 1e-12 (the file has
  // exact repeats: korus-stats counts them as SUM() does).
  const answers = list.map((t) => t.parse(once(t.cmd).out));
  const ours = answers[0];
  if (expected) {
    for (const [code, v] of expected) if (ours[code]?.[0] !== v) disagree = true;
    if (Object.keys(ours).length !== expected.size) disagree = true;
    if (disagree) console.log(`korus-stats disagrees with the generator's own sums on ${rows} rows`);
  }
  list.forEach((t, i) => {
    const theirs = answers[i];
    const codes = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    let worst = 0;
    for (const code of codes) {
      const [a, sa] = ours[code] ?? [Number.NaN, Number.NaN];
      const [b, sb] = theirs[code] ?? [Number.NaN, Number.NaN];
      if (a !== b) {
        console.log(`${t.name}: ${code} is ${b}, korus-stats says ${a}`);
        disagree = true;
      }
      worst = Math.max(worst, Math.abs(sa - sb));
    }
    if (!(worst <= 1e-12)) {
      console.log(`${t.name}: shares differ from korus-stats' by up to ${worst}`);
      disagree = true;
    }
    t.shareDiff = worst;
  });
  for (const p of others) {
    const problems = p.compare(once(p.korus).out, once(p.duck).out);
    for (const text of problems) console.log(`${rows.toLocaleString('en-US')} rows: ${text}`);
    if (problems.length) disagree = true;
  }
  if (disagree) break;
  // Then the times, in turn.
  const runs = list.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (const [i, t] of list.entries()) runs[i].push(once(t.cmd));
  }
  paired.push({ command: 'share', rows, korus: runs[0], duck: runs[1] });
  for (const p of others) {
    const korus = [];
    const duck = [];
    for (let r = 0; r < RUNS; r++) {
      korus.push(once(p.korus));
      duck.push(once(p.duck));
    }
    paired.push({ command: p.command, rows, korus, duck });
  }
  list.forEach((t, i) => {
    results.push({
      rows,
      mb: statSync(file).size / 1e6,
      tool: t.name,
      wall: median(runs[i].map((x) => x.wall)),
      peak: median(runs[i].map((x) => x.peak)),
      vsDuck: median(runs[i].map((x, j) => x.wall / runs[1][j].wall)),
      vsBaseline: BASELINE ? median(runs[0].map((x, j) => x.wall / runs[2][j].wall)) : undefined,
      shareDiff: t.shareDiff,
    });
  });
}

if (disagree) {
  console.log('the answers disagree: no times reported');
  process.exit(2);
}

console.log(
  `\nshare --category apparel --year 2016 --flow imports; ${RUNS} runs each, medians; wall time and peak RSS by GNU time`,
);
console.log('| rows | file MB | tool | seconds | peak MiB | time / DuckDB | max share diff vs korus-stats |');
console.log('|--:|--:|---|--:|--:|--:|--:|');
for (const r of results) {
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${r.mb.toFixed(0)} | ${r.tool} | ${r.wall.toFixed(2)} | ${Number.isNaN(r.peak) ? 'n/a' : r.peak.toFixed(0)} | ${r.vsDuck.toFixed(2)}x | ${r.shareDiff.toExponential(1)} |`,
  );
}

// The four pairs, one table (issue 13).
const duckVersion = JSON.parse(
  readFileSync(join(import.meta.dirname, 'node_modules/@duckdb/node-api/package.json'), 'utf8'),
).version;
const [load1] = loadBefore;
const cell = (x, digits) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
console.log(
  `\nkorus-stats against DuckDB (@duckdb/node-api ${duckVersion}, ${DUCKDB_THREADS} threads), pair by pair, answers checked first; ${RUNS} runs each, in turn, medians; wall, CPU (user + system) and peak RSS of each whole process by GNU time; ratio: median of korus-stats / DuckDB per pair`,
);
console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}; load average ${load1.toFixed(2)} before the runs, ${loadavg()[0].toFixed(2)} after`,
);
console.log(
  '| command | rows | korus-stats s | korus-stats CPU s | korus-stats peak MiB | DuckDB s | DuckDB CPU s | DuckDB peak MiB | wall ratio | CPU ratio |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
const order = ['share', 'trend', 'breakdown', 'validate'];
for (const rows of SIZES)
  for (const command of order) {
    const p = paired.find((x) => x.rows === rows && x.command === command);
    if (!p) continue;
    const m = (runs, key) => median(runs.map((x) => x[key]));
    const ratio = (key) => median(p.korus.map((x, j) => x[key] / p.duck[j][key]));
    console.log(
      `| ${command} | ${rows.toLocaleString('en-US')} | ${m(p.korus, 'wall').toFixed(2)} | ${cell(m(p.korus, 'cpu'), 2)} | ${cell(m(p.korus, 'peak'), 0)} | ${m(p.duck, 'wall').toFixed(2)} | ${cell(m(p.duck, 'cpu'), 2)} | ${cell(m(p.duck, 'peak'), 0)} | ${ratio('wall').toFixed(2)}x | ${cell(ratio('cpu'), 2)}x |`,
    );
  }
console.log('Compared before timing:');
for (const line of [
  "share --category apparel --year 2016: every partner's value exactly, its share within 1e-12",
  ...COMPARED,
])
  console.log(`- ${line}`);

const ours = results.filter((r) => r.tool === 'korus-stats');
const largest = ours[ours.length - 1];
const check = (ok, text) => {
  console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
  if (!ok) failed = true;
};
console.log('');
check(
  largest.vsDuck <= MAX_RATIO,
  `${largest.rows.toLocaleString('en-US')} rows: ${largest.vsDuck.toFixed(2)}x DuckDB's wall time (goal: at most ${MAX_RATIO}x)`,
);
if (BASELINE) {
  for (const r of ours)
    check(
      r.vsBaseline <= MAX_BASELINE_RATIO,
      `${r.rows.toLocaleString('en-US')} rows: ${r.vsBaseline.toFixed(3)}x the baseline's wall time, pair by pair (${BASELINE}; goal: at most ${MAX_BASELINE_RATIO}x)`,
    );
}
if (hasTime) {
  check(
    largest.peak <= MAX_PEAK_MIB,
    `${largest.rows.toLocaleString('en-US')} rows: peak ${largest.peak.toFixed(0)} MiB (goal: at most ${MAX_PEAK_MIB} MiB)`,
  );
  const growth = largest.peak / ours[0].peak;
  check(
    growth <= MAX_MEMORY_GROWTH,
    `peak memory ${largest.rows.toLocaleString('en-US')} / ${ours[0].rows.toLocaleString('en-US')} rows: ${growth.toFixed(2)}x (goal: about the same, at most ${MAX_MEMORY_GROWTH}x)`,
  );
}

// validate reads every row and remembers keys (8 bytes each, for duplicates): its memory must still not
// grow like the file. Goal (issue 5): the 1M-row peak within 1.5x of the 100k-row peak.
const VALIDATE_SIZES = (process.env.BENCH_VALIDATE_ROWS ?? '100000,1000000').split(',').map(Number);
const validated = [];
for (const rows of VALIDATE_SIZES) {
  const file = join(OUT, `valid-${rows}.csv`);
  const meta = `${file}.meta.json`;
  const want = JSON.stringify({ rows, version: GENERATOR_VERSION });
  if (!(existsSync(file) && existsSync(meta) && readFileSync(meta, 'utf8') === want)) {
    console.log(`generating a valid ${rows.toLocaleString('en-US')}-row file ...`);
    await generateValid(file, rows);
    writeFileSync(meta, want);
  }
  const cmd = [process.execPath, join(ROOT, 'bin/korus-stats.js'), 'validate', file, '--format', 'json'];
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(once(cmd));
  const report = JSON.parse(runs[0].out);
  if (!report.valid || report.summary.rows !== rows) {
    console.log(`validate did not pass the generated ${rows}-row file: ${JSON.stringify(report.summary)}`);
    process.exit(2);
  }
  validated.push({ rows, wall: median(runs.map((x) => x.wall)), peak: median(runs.map((x) => x.peak)) });
}
console.log(`\nvalidate on generated valid files (${RUNS} runs each, medians)`);
console.log('| rows | seconds | peak MiB |');
console.log('|--:|--:|--:|');
for (const v of validated)
  console.log(
    `| ${v.rows.toLocaleString('en-US')} | ${v.wall.toFixed(2)} | ${Number.isNaN(v.peak) ? 'n/a' : v.peak.toFixed(0)} |`,
  );
if (hasTime && validated.length > 1) {
  const a = validated[0];
  const b = validated[validated.length - 1];
  check(
    b.peak / a.peak <= MAX_MEMORY_GROWTH,
    `validate peak memory ${b.rows.toLocaleString('en-US')} / ${a.rows.toLocaleString('en-US')} rows: ${(b.peak / a.peak).toFixed(2)}x (goal: at most ${MAX_MEMORY_GROWTH}x)`,
  );
}
// Census JSON streamed (issue 11): bench/json-census.mjs.
await benchJson({ root: ROOT, outDir: OUT, runs: RUNS, once, median, check, hasTime });
// Many distinct partners against 200 (issue 11).
if (Number(process.env.BENCH_PARTNER_ROWS ?? 1) > 0) {
  const ok = await benchPartners({ root: ROOT, out: OUT, once, median, runs: RUNS });
  if (ok === undefined) process.exit(2);
  if (!ok) failed = true;
}
// validate at scale (issue 11): the 10M-row file against DuckDB's duplicate-key query, 2M problems as JSON.
await validateScale({
  root: ROOT,
  out: OUT,
  runs: RUNS,
  once,
  check,
  rows: Number(process.env.BENCH_VALIDATE_SCALE_ROWS ?? 10_000_000),
});
process.exitCode = failed ? 1 : 0;
