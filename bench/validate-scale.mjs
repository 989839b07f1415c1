// validate at scale (issue 11), called from run.mjs: on the generated 10M-row file (about every row repeats a
// key), validate must finish with complete counts within 2.5x of DuckDB's duplicate-key query and under
// 200 MiB; on a file of 2 million problems, `validate --format json` must give valid JSON under 200 MiB.
// Times and peaks by GNU time (through run.mjs's `once`), korus-stats and DuckDB in turn, ratios pair by pair.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION, generate } from './generate.mjs';

const MAX_RATIO = 2.5;
const MAX_PEAK_MIB = 200;

/** Writes `rows` rows of one key (every row after the first a duplicate-row warning), unless already there. */
async function manyProblems(out, rows) {
  const file = join(out, `problems-${rows}.csv`);
  if (existsSync(file)) return file;
  const parts = ['year,reporter,partner,partner_name,hs_code,flow,value_usd\n'];
  for (let i = 0; i < rows; i++) parts.push(`2016,US,CN,China,610910,imports,${i + 1}\n`);
  writeFileSync(file, parts.join(''));
  return file;
}

/**
 * Checks the JSON report without one string of it (it is bigger than a JavaScript string may be): its
 * opening lines, every problem line parsed on its own, and the members after the problems parsed whole.
 */
async function checkJson(file) {
  const head = [];
  let problems = 0;
  let tail = null;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      if (tail !== null) tail.push(l);
      else if (l.startsWith('    {')) {
        JSON.parse(l.endsWith(',') ? l.slice(0, -1) : l);
        problems++;
      } else if (l === '  ],') tail = [];
      else head.push(l);
    }
  }
  if (rest) (tail ?? head).push(rest);
  const opening = JSON.parse(`${head.join('\n')}]}`);
  const closing = JSON.parse(`{${(tail ?? []).join('\n')}`);
  return { ...opening, ...closing, problemsParsed: problems };
}

/** Runs the two goals; `once(cmd)` gives {out, wall, peak}; `check(ok, text)` reports a goal. */
export async function validateScale({ root, out, runs, once, check, rows = 10_000_000 }) {
  const file = join(out, `trade-${rows}.csv`);
  const meta = `${file}.meta.json`;
  const want = JSON.stringify({ rows, version: GENERATOR_VERSION });
  if (!(existsSync(file) && existsSync(meta) && readFileSync(meta, 'utf8') === want)) {
    await generate(file, rows);
    writeFileSync(meta, want);
  }
  const korus = [process.execPath, join(root, 'bin/korus-stats.js'), 'validate', file];
  const duck = [process.execPath, join(import.meta.dirname, 'duckdb-duplicates.mjs'), file];
  const ours = [];
  const theirs = [];
  for (let r = 0; r < runs; r++) {
    ours.push(once(korus));
    theirs.push(once(duck));
  }
  // The counts: every row past a key's first is a duplicate-row warning, as DuckDB counts them.
  const dupes = JSON.parse(theirs[0].out);
  const summary = ours[0].out.trim().split('\n').pop();
  const expected = `${(dupes.rows - dupes.keys).toLocaleString('en-US')} warnings`;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = median(ours.map((x, i) => x.wall / theirs[i].wall));
  const peak = median(ours.map((x) => x.peak));
  console.log(`\nvalidate on ${rows.toLocaleString('en-US')} generated rows (${runs} runs, medians)`);
  console.log('| tool | seconds | peak MiB |');
  console.log('|---|--:|--:|');
  console.log(
    `| korus-stats validate | ${median(ours.map((x) => x.wall)).toFixed(2)} | ${peak.toFixed(0)} |`,
  );
  console.log(
    `| DuckDB GROUP BY ... HAVING count(*) > 1 | ${median(theirs.map((x) => x.wall)).toFixed(2)} | ${median(theirs.map((x) => x.peak)).toFixed(0)} |`,
  );
  check(
    summary.includes(expected),
    `validate counts ${expected} (DuckDB: ${dupes.rows} rows in ${dupes.keys} repeated keys): ${summary}`,
  );
  check(
    ratio <= MAX_RATIO,
    `validate: ${ratio.toFixed(2)}x DuckDB's duplicate-key query, pair by pair (goal: at most ${MAX_RATIO}x)`,
  );
  check(peak <= MAX_PEAK_MIB, `validate: peak ${peak.toFixed(0)} MiB (goal: at most ${MAX_PEAK_MIB} MiB)`);

  // 2 million problems as JSON: valid, complete, bounded.
  const problems = await manyProblems(out, 2_000_001);
  const jsonFile = join(out, 'problems.json');
  const json = once([
    'sh',
    '-c',
    `exec "$0" "$1" validate "$2" --format json > "$3"`,
    process.execPath,
    join(root, 'bin/korus-stats.js'),
    problems,
    jsonFile,
  ]);
  const report = await checkJson(jsonFile);
  const complete =
    report.problemsParsed === 2_000_000 &&
    report.summary.warnings === 2_000_000 &&
    report.summary.listed === 2_000_000 &&
    report.counts['duplicate-row'] === 2_000_000;
  check(
    complete,
    `validate --format json on 2,000,000 problems: valid JSON with every problem (${json.wall.toFixed(1)} s)`,
  );
  check(
    json.peak <= MAX_PEAK_MIB,
    `validate --format json on 2,000,000 problems: peak ${json.peak.toFixed(0)} MiB (goal: at most ${MAX_PEAK_MIB} MiB)`,
  );
}
