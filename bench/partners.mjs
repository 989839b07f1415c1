// Share on many distinct partners against share on a few (issue 11): two files of the same number of rows,
// one naming a new partner on every row, one with 200 partners, both generated deterministically. The time
// per row of the first must stay within 2x of the second's (no cliff past some number of distinct cells).
//
// A partner is named by a short code (2 to 8 bytes: the byte scanner's packed short-cell table) on even rows
// and by a name (mostly longer: its hashed table) on odd ones. 190 catalog countries come first, by ISO
// alpha-3 code or English name; the rest are made-up places with names like real ones ("Port Velmora",
// "Saint Aranze-sur-Kell"), unknown to the catalog, some with accents. Both files are checked against the generator's own sums before they are timed.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rng } from './generate.mjs';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');

/** Bumped whenever the generated files change. */
const VERSION = 3;
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'vi',
  'tan',
  'sel',
  'dor',
  'ri',
  'ne',
  'bra',
  'cu',
  'ze',
  'fa',
  'gon',
  'hil',
  'ja',
  'qua',
  'os',
  'pel',
  'tor',
  'ul',
  'ven',
  'wy',
  'xa',
  'mo',
  'ré',
  'sa',
  'bel',
  'nor',
  'li',
  'ta',
  'ô',
];
const PREFIXES = ['', '', '', 'Port ', 'Saint ', 'New ', 'Isla ', 'Republic of ', 'Upper ', 'Grand '];
const SUFFIXES = ['', '', '', 'ia', 'land', 'stan', '-sur-Kell', ' Islands', 'ova', 'a'];
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CODES = ['610910', '611020', '620342', '620462', '640399', '520100'];

const quote = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const catalog = Object.keys(countries.getAlpha2Codes())
  .map((a2) => [countries.alpha2ToAlpha3(a2), countries.getName(a2, 'en')])
  .filter(([a3, name]) => a3 && name)
  .sort(([a], [b]) => (a < b ? -1 : 1));
// 190 catalog countries, then made-up places: the 200-partner file has 10 the catalog does not know.
const KNOWN = Math.min(190, catalog.length);

/** Partner n: a catalog country for the first ones, then a made-up place (distinct code and name for each n). */
function partner(n) {
  if (n < KNOWN) return catalog[n];
  let m = n - KNOWN;
  // Code: "Q" and m in base 36, at most 8 bytes; a leading Q keeps it clear of the catalog's codes.
  let code = 'Q';
  do {
    code += ALPHA[m % 36];
    m = Math.floor(m / 36);
  } while (m > 0);
  // Name: syllables of n in base 32, framed by a prefix and suffix picked from n (distinct because the
  // syllables spell n and the frame is a function of n).
  let k = n - KNOWN;
  let name = '';
  do {
    name += SYLLABLES[k % 32];
    k = Math.floor(k / 32);
  } while (k > 0);
  const f = (n * 2654435761) >>> 0;
  name = `${PREFIXES[f % 10]}${name[0].toUpperCase()}${name.slice(1)}${SUFFIXES[(f >>> 8) % 10]}`;
  return [code, name];
}

/**
 * Writes `rows` rows naming `partners` distinct partners (row i has partner i mod partners); resolves to the
 * expected apparel (HS 61, 62) imports in 2016, summed over all partners and for the largest one.
 */
async function generate(file, rows, partners, seed = 11) {
  const next = rng(seed);
  const out = createWriteStream(file);
  let buf = 'year,reporter,partner,partner_name,hs_code,flow,value_usd\n';
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const [code, name] = partner(i % partners);
    const hs = CODES[Math.floor(next() * CODES.length)];
    const year = next() < 0.5 ? 2015 : 2016;
    const flow = next() < 0.9 ? 'imports' : 'exports';
    const value = Math.floor(next() * 5_000_000) + 1;
    if (year === 2016 && flow === 'imports' && (hs.startsWith('61') || hs.startsWith('62'))) total += value;
    // The partner column holds a code on even rows, a name on odd ones (as Census and Comtrade files do).
    buf += `${year},US,${i % 2 ? quote(name) : code},${quote(name)},${hs},${flow},${value}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  return total;
}

/** The file for (rows, partners), generated unless this version's is there; its expected total. */
export async function ensure(out, rows, partners) {
  const file = join(out, `partners-${partners}-${rows}.csv`);
  const meta = `${file}.meta.json`;
  const want = JSON.stringify({ rows, partners, version: VERSION });
  if (existsSync(file) && existsSync(meta) && JSON.parse(readFileSync(meta, 'utf8')).want === want)
    return { file, total: JSON.parse(readFileSync(meta, 'utf8')).total };
  console.log(
    `generating ${rows.toLocaleString('en-US')} rows, ${partners.toLocaleString('en-US')} partners ...`,
  );
  const total = await generate(file, rows, partners);
  writeFileSync(meta, JSON.stringify({ want, total }));
  return { file, total };
}

/**
 * Times share on many partners against share on 200, run after run in turn; prints the per-row time ratio
 * and peak memory. `once(cmd)` runs a command ({ out, wall, peak }). Returns whether the goal was met
 * (undefined when the answers were wrong).
 */
export async function benchPartners({ root, out, once, median, runs }) {
  const rows = Number(process.env.BENCH_PARTNER_ROWS ?? 3_000_000);
  const many = Math.min(rows, Number(process.env.BENCH_PARTNERS ?? rows));
  const files = [await ensure(out, rows, many), await ensure(out, rows, 200)];
  const cmd = (file) => [
    process.execPath,
    join(root, 'bin/korus-stats.js'),
    'share',
    '--data',
    file,
    '--category',
    'apparel',
    '--year',
    '2016',
    // Ten rows of output: the time is the reading and the sums, not printing millions of rows.
    '--top',
    '10',
    '--json',
    '--quiet',
  ];
  // The answer first: the total of the share table is the generator's sum.
  for (const { file, total } of files) {
    const got = JSON.parse(once(cmd(file)).out).total?.valueUsd;
    if (got !== total) {
      console.log(`share on ${file}: total ${got}, the generator's sum is ${total}`);
      return undefined;
    }
  }
  const times = [[], []];
  for (let r = 0; r < runs; r++) for (const [i, f] of files.entries()) times[i].push(once(cmd(f.file)));
  const [a, b] = times;
  const ratio = median(a.map((x, j) => x.wall / b[j].wall));
  console.log(
    `\nshare --category apparel --year 2016 on ${rows.toLocaleString('en-US')} rows; ${runs} runs each, medians`,
  );
  console.log('| partners | seconds | peak MiB |');
  console.log('|--:|--:|--:|');
  for (const [i, n] of [many, 200].entries())
    console.log(
      `| ${n.toLocaleString('en-US')} | ${median(times[i].map((x) => x.wall)).toFixed(2)} | ${median(times[i].map((x) => x.peak)).toFixed(0)} |`,
    );
  const ok = ratio <= 2;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${many.toLocaleString('en-US')} partners: ${ratio.toFixed(2)}x the time per row of 200 partners, pair by pair (goal: at most 2x)`,
  );
  return ok;
}

// Run on its own: node bench/partners.mjs (after npm run build).
if (process.argv[1] === import.meta.filename) {
  const root = join(import.meta.dirname, '..');
  const once = (c) => {
    const t = Date.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...c], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`${c.join(' ')} failed:\n${r.stderr}`);
    const peak = Number(r.stderr.trim().split('\n').pop()?.split(' ')[1]) / 1024;
    return { out: r.stdout, wall: (Date.now() - t) / 1000, peak };
  };
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ok = await benchPartners({
    root,
    out: join(import.meta.dirname, 'out'),
    once,
    median,
    runs: Number(process.env.BENCH_RUNS ?? 3),
  });
  process.exitCode = ok ? 0 : ok === undefined ? 2 : 1;
}
