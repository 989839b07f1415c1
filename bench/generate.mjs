// Deterministic trade CSV generator for benchmarks: same seed, same file, same expected sums.
import { createWriteStream } from 'node:fs';

const PARTNERS = [
  ['CN', 'China'],
  ['VN', 'Vietnam'],
  ['BD', 'Bangladesh'],
  ['ID', 'Indonesia'],
  ['IN', 'India'],
  ['KR', 'Korea, South'],
  ['MX', 'Mexico'],
  ['HN', 'Honduras'],
  ['KH', 'Cambodia'],
  ['PK', 'Pakistan'],
  ['LK', 'Sri Lanka'],
  ['SV', 'El Salvador'],
  ['GT', 'Guatemala'],
  ['IT', 'Italy'],
  ['TR', 'Türkiye'],
  ['CI', "Côte d'Ivoire"],
  ['JP', 'Japan'],
  ['DE', 'Germany'],
  ['CA', 'Canada'],
  ['TW', 'Taiwan'],
  ['TH', 'Thailand'],
  ['MY', 'Malaysia'],
  ['PH', 'Philippines'],
  ['NI', 'Nicaragua'],
  ['JO', 'Jordan'],
  ['HK', 'Hong Kong'],
  ['PE', 'Peru'],
  ['BR', 'Brazil'],
  ['ES', 'Spain'],
  ['FR', 'France'],
];
// Apparel (61, 62), footwear (64), cotton (52), live animals with a leading zero (01), cars (8703).
const CODES = [
  '610910',
  '611020',
  '620342',
  '620462',
  '640399',
  '640299',
  '520100',
  '010121',
  '870323',
  '870840',
];
const YEARS = [2014, 2015, 2016, 2017];
const FLOWS = ['imports', 'imports', 'imports', 'exports'];

/** Bumped whenever the generated file changes, so a cached file is made again. */
export const GENERATOR_VERSION = 3;

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * Writes `rows` rows to `file`; resolves to the expected apparel (HS 61, 62) imports by partner for 2016,
 * in US dollars, so a benchmark can check the answer before it reports a time.
 */
export async function generate(file, rows, seed = 2016) {
  const next = rng(seed);
  const out = createWriteStream(file);
  const expected = new Map();
  let buf = 'year,reporter,partner,partner_name,hs_code,flow,value_usd\n';
  for (let i = 0; i < rows; i++) {
    const [code, name] = PARTNERS[Math.floor(next() * PARTNERS.length)];
    const hs = CODES[Math.floor(next() * CODES.length)];
    const year = YEARS[Math.floor(next() * YEARS.length)];
    const flow = FLOWS[Math.floor(next() * FLOWS.length)];
    // Values repeat, and about one row in a hundred is an exact repeat of the row before: korus-stats
    // counts every row as given, as SQL's SUM() does, so both must give the same sums.
    const value = Math.floor(next() * 5_000_000) + 1;
    const line = `${year},US,${code},${quote(name)},${hs},${flow},${value}\n`;
    const times = i + 1 < rows && next() < 0.01 ? 2 : 1;
    if (year === 2016 && flow === 'imports' && (hs.startsWith('61') || hs.startsWith('62'))) {
      expected.set(code, (expected.get(code) ?? 0) + times * value);
    }
    buf += times === 2 ? line + line : line;
    i += times - 1;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  return expected;
}

/**
 * Writes a valid trade file of `rows` rows in which no two rows share a key (year, partner, flow, HS code):
 * the file `validate` must pass, for its memory benchmark.
 */
export async function generateValid(file, rows, seed = 2017) {
  const next = rng(seed);
  const out = createWriteStream(file);
  const combos = [];
  for (const year of YEARS)
    for (const [code] of PARTNERS) for (const flow of ['imports', 'exports']) combos.push([year, code, flow]);
  let buf = 'year,reporter,flow,partner,hs_code,value_usd\n';
  for (let i = 0; i < rows; i++) {
    const [year, partner, flow] = combos[i % combos.length];
    // 10-digit HS codes under chapter 61: unique per combination by the row's place in the sequence.
    const hs = `61${String(Math.floor(i / combos.length)).padStart(8, '0')}`;
    buf += `${year},US,${flow},${partner},${hs},${Math.floor(next() * 5_000_000) + 1}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}
