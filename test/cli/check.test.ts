import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../../src/core/check.js';
import { locateJson } from '../../src/data/json-position.js';
import { parseRules } from '../../src/data/rules-file.js';
import { KorusError } from '../../src/errors.js';
import { reasonText } from '../../src/output/notes/check.js';
import { run } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateOutput = ajv.compile(schema('check-output.schema.json'));
const validateRules = ajv.compile(schema('checks.schema.json'));
const FIX = 'test/fixtures/check';
const fx = (name: string) => `${FIX}/${name}`;

type Result = {
  name: string;
  type: string;
  line: number;
  status: 'pass' | 'fail';
  failure: string | null;
  measured: number | boolean | null;
  valueUsd: number | null;
  reason: string | null;
  query: { year: number | null; previousYear: number | null; partner: string | null; source: string | null };
  files: string[];
};
type Output = { ok: boolean; counts: { rules: number; passed: number; failed: number }; results: Result[] };

/** Runs `check --json`, checks the exit code and the schema, and returns the parsed output. */
async function json(argv: string[], code: number, opts: { stdin?: string } = {}): Promise<Output> {
  const r = await run(['check', ...argv, '--json'], { cwd: ROOT, ...opts });
  expect(r.code, r.stderr).toBe(code);
  const out = JSON.parse(r.stdout);
  expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
  return out;
}

const byName = (out: Output, name: string): Result => {
  const r = out.results.find((x) => x.name === name);
  if (!r) throw new Error(`no result named ${name}`);
  return r;
};

describe('check with the project rules file', () => {
  it('passes, exits 0 and prints the measured Korea share with its bound (default file, current directory)', async () => {
    const r = await run(['check'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("✓ South Korea's 2016 apparel share is under 1%: 0.31% (max 1.00%) pass");
    expect(r.stdout).toContain('US$80.71bn (min US$80.70bn, max US$80.72bn) pass');
    expect(r.stdout).toContain('present, US$45.22bn (expected present) pass');
    expect(r.stdout).toContain('-7.5% (min -10.0%, max 0.0%) pass');
    expect(r.stdout).toContain('12 rows (min 12 rows) pass');
    // A bound tighter than two decimals is shown with the decimals that tell its ends apart.
    expect(r.stdout).toContain('1.404% (min 1.403%, max 1.404%) pass');
    expect(r.stdout).toContain('US$135.95bn (min US$135.95bn, max US$135.95bn) pass');
    expect(r.stdout).toContain('US$251m (min US$251m, max US$251m) pass');
    expect(r.stdout).toContain('-US$22.90bn (min -US$22.95bn, max -US$22.85bn) pass');
    expect(r.stdout).toMatch(/9 rules: 9 passed, 0 failed\n$/);
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stderr).toBe('');
  });

  it('measures each rule type with the share pipeline (JSON, valid against the schema)', async () => {
    const out = await json(['korus-stats.checks.json'], 0);
    expect(out.ok).toBe(true);
    expect(out.counts).toEqual({ rules: 9, passed: 9, failed: 0 });
    const [share, value, total, present, change, rows, exportShare, exportTotal, balance] = out.results;
    expect(share).toMatchObject({ type: 'share', status: 'pass', valueUsd: 251e6, line: 6 });
    expect(share?.measured).toBeCloseTo(251 / 80713.83, 12);
    expect(value).toMatchObject({ type: 'value', status: 'pass', measured: 251e6 });
    expect(total).toMatchObject({
      type: 'total',
      measured: 80_713_830_000,
      query: { source: 'OTEXA, as quoted by trade press' },
    });
    expect(present).toMatchObject({ type: 'partner-present', measured: true, valueUsd: 45_221e6 });
    expect(change).toMatchObject({
      type: 'change',
      query: { year: 2016, previousYear: 2015, partner: 'CN' },
    });
    expect(change?.measured).toBeCloseTo((45221 - 48892) / 48892, 12);
    // 10 partners, "All other" and the total row.
    expect(rows).toMatchObject({ type: 'rows', measured: 12, files: ['data/usitc-textiles-apparel.csv'] });
    // Exports, from USITC's 2017 edition: Korea's KR.1 row over the World's US.1 row (US$ m).
    expect(exportShare).toMatchObject({ type: 'share', status: 'pass', valueUsd: 310e6 });
    expect(exportShare?.measured).toBeCloseTo(310 / 22082, 12);
    expect(exportTotal).toMatchObject({
      type: 'total',
      measured: 135_945e6,
      files: ['data/usitc-korea-sectors.csv', 'data/usitc-us-sectors.csv'],
    });
    // USITC's Korea chapter: 2017 exports US$48.3bn minus imports US$71.2bn, as published (to US$0.1bn).
    expect(balance).toMatchObject({ type: 'balance', status: 'pass', measured: 48.3e9 - 71.2e9 });
  });

  it('the rules file and the fixtures that should be valid pass the rules schema', () => {
    for (const f of [
      'korus-stats.checks.json',
      fx('failing.checks.json'),
      fx('own-data.checks.json'),
      fx('balance.checks.json'),
    ]) {
      const rules = JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
      expect(validateRules(rules), `${f}: ${JSON.stringify(validateRules.errors)}`).toBe(true);
    }
  });
});

describe('failing rules', () => {
  it('exit 1, with ✗, the measured value and the reason', async () => {
    const r = await run(['check', fx('failing.checks.json')], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ Korea under 1% of 2016 apparel: 0.31% (max 1.00%) pass');
    expect(r.stdout).toContain(
      '✗ Korea under 0.1% of 2016 apparel: 0.31% (max 0.10%) fail, above the maximum',
    );
    expect(r.stdout).toContain('✗ Vietnam in 2016 apparel: absent (expected present) fail, partner absent');
    expect(r.stdout).toContain('Vietnam (VN) has no apparel imports row with a value for 2016');
    expect(r.stdout).toContain('✗ Apparel 2019 total: not measured (min US$1) fail, could not be measured');
    expect(r.stdout).toContain('no apparel imports data for 2019 (years with data: 2012-2014, 2016-2017)');
    expect(r.stdout).toMatch(/4 rules: 1 passed, 3 failed\n$/);
  });

  it('--format github: one ::error annotation per failed rule at its line, and a job summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-check-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = await run(['check', fx('failing.checks.json'), '--format', 'github'], {
      cwd: ROOT,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe(
      '::error file=test/fixtures/check/failing.checks.json,line=12,title=korus-stats check%3A Korea under 0.1%25 of 2016 apparel::Korea under 0.1%25 of 2016 apparel: 0.31%25 (max 0.10%25), above the maximum',
    );
    expect(errors[1]).toMatch(/^::error file=test\/fixtures\/check\/failing\.checks\.json,line=20,/);
    expect(errors[2]).toMatch(/^::error file=[^,]+,line=27,.*no apparel imports data for 2019/);
    // The file's lines 12, 20 and 27 are the failed rules' names.
    const lines = readFileSync(join(ROOT, fx('failing.checks.json')), 'utf8').split('\n');
    expect(lines[11]).toContain('"Korea under 0.1% of 2016 apparel"');
    expect(lines[19]).toContain('"Vietnam in 2016 apparel"');
    expect(lines[26]).toContain('"Apparel 2019 total"');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    expect(md).toContain('4 rules: 1 passed, 3 failed');
    expect(md).toContain(
      '| ❌ | Korea under 0.1% of 2016 apparel | 0.31% | max 0.10% | fail, above the maximum |',
    );
    expect(md).toContain('| ✅ | Korea under 1% of 2016 apparel |');
  });

  it('--format github on passing rules prints no annotation and still writes the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-check-'));
    const summary = join(dir, 'summary.md');
    const r = await run(['check', '--format', 'github'], {
      cwd: ROOT,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(readFileSync(summary, 'utf8')).toContain('9 rules: 9 passed, 0 failed');
  });

  it('--format junit: well-formed XML, one test case per rule, failures counted', async () => {
    const r = await run(['check', fx('failing.checks.json'), '--format', 'junit'], { cwd: ROOT });
    expect(r.code).toBe(1);
    const xml = r.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expectBalanced(xml);
    expect(xml).toMatch(/<testsuites name="[^"]*" tests="4" failures="3">/);
    expect(xml).toMatch(/<testsuite name="[^"]*" tests="4" failures="3">/);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml).toContain(
      '<testcase name="Korea under 1% of 2016 apparel" classname="korus-stats.check.share"/>',
    );
    expect(xml).toContain('type="above-max"');
    expect(xml).toContain('type="absent"');
    expect(xml).toContain('type="not-evaluated"');
  });

  it('JSON: valid against the schema, ok false, failures named', async () => {
    const out = await json([fx('failing.checks.json')], 1);
    expect(out.ok).toBe(false);
    expect(out.counts).toEqual({ rules: 4, passed: 1, failed: 3 });
    expect(out.results.map((r) => [r.status, r.failure, r.line])).toEqual([
      ['pass', null, 4],
      ['fail', 'above-max', 12],
      ['fail', 'absent', 20],
      ['fail', 'not-evaluated', 27],
    ]);
    expect(byName(out, 'Apparel 2019 total')).toMatchObject({ measured: null, files: [] });
  });
});

describe('rules with their own data', () => {
  it('reads data relative to the rules file, per rule', async () => {
    const out = await json([fx('own-data.checks.json')], 1);
    expect(byName(out, 'Korea over 4% of 2020 apparel')).toMatchObject({ status: 'pass', measured: 0.05 });
    expect(byName(out, 'Korea grew by half from 2019')).toMatchObject({ status: 'pass', measured: 0.5 });
    expect(byName(out, 'The 2020 total grew')).toMatchObject({ status: 'pass', valueUsd: 1200 });
    expect(byName(out, 'The 2020 total grew').measured).toBeCloseTo(0.2, 12);
    // World, KR, CN and VN's row without a value.
    expect(byName(out, 'Four 2020 rows')).toMatchObject({ status: 'pass', measured: 4 });
    expect(byName(out, 'Latest apparel total is US$1,200')).toMatchObject({
      measured: 1200,
      query: { year: 2020 },
    });
    expect(byName(out, 'Vietnam present in 2020')).toMatchObject({ status: 'fail', measured: false });
    expect(byName(out, "Korea's share from the bundled data")).toMatchObject({
      status: 'pass',
      files: ['data/otexa-apparel.csv'],
    });
    expect(byName(out, "China's 2017 apparel change")).toMatchObject({
      status: 'fail',
      failure: 'not-evaluated',
      reason: 'China (CN) has no apparel imports row for 2016',
      query: { year: 2017, previousYear: 2016, partner: 'CN' },
    });
    expect(out.counts).toEqual({ rules: 8, passed: 6, failed: 2 });
  });

  it('a rule whose data file does not exist stops the run (exit 2): the check could not be made', async () => {
    const r = await run(['check', fx('missing-data.checks.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('test/fixtures/check/no-such-file.csv: no such file or folder');
  });

  it('--data replaces the default data (here stdin, read once for every rule)', async () => {
    const csv = readFileSync(join(ROOT, fx('trade.csv')), 'utf8');
    const out = await json(['korus-stats.checks.json', '--data', '-'], 1, { stdin: csv });
    expect(out.results.every((r) => r.status === 'fail' && r.failure === 'not-evaluated')).toBe(true);
    expect(out.results[0]?.reason).toBe('no apparel imports data for 2016 (years with data: 2019-2020)');
    expect(out.results[3]?.reason).toContain('no rows for category textiles-and-apparel');
  });
});

describe('value and balance rules', () => {
  const RULES = fx('balance.checks.json');
  const CSV = fx('balance.csv');

  /** `balance --json`'s row for a partner: the figure a balance rule must give. */
  async function balanceRow(year: number, partner: string) {
    const r = await run([
      'balance',
      '--data',
      CSV,
      '--category',
      'all-commodities',
      '--year',
      String(year),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows: Array<{ code: string; balanceUsd: number | null }> = JSON.parse(r.stdout).rows;
    return rows.find((x) => x.code === partner);
  }

  it('prints each in US dollars, a deficit negative: pass, below the minimum, above the maximum', async () => {
    const r = await run(['check', RULES], { cwd: ROOT });
    expect(r.code).toBe(1);
    for (const line of [
      "✓ Korea's 2017 goods deficit is about US$22.9bn: -US$22.88bn (min -US$23.00bn, max -US$22.80bn) pass",
      "✗ Korea's 2016 deficit is under US$25bn: -US$27.60bn (min -US$25.00bn) fail, below the minimum",
      "✗ Korea's latest deficit is over US$25bn: -US$22.88bn (max -US$25.00bn) fail, above the maximum",
      '✓ Imports from Korea in 2017 are US$71.0-71.5bn: US$71.21bn (min US$71.00bn, max US$71.50bn) pass',
      '✓ Exports to Korea in 2017 are at least US$48bn: US$48.33bn (min US$48.00bn) pass',
      '✗ Exports to Korea in 2016 are at least US$45bn: US$42.30bn (min US$45.00bn) fail, below the minimum',
      '✗ Imports from Korea in 2017 are under US$70bn: US$71.21bn (max US$70.00bn) fail, above the maximum',
    ])
      expect(r.stdout.split('\n')).toContain(line);
    expect(r.stdout).toMatch(/12 rules: 3 passed, 9 failed\n$/);
  });

  it('a balance is what `balance` gives on the partner row; a value is the partner row of `share`', async () => {
    const out = await json([RULES], 1);
    const deficit = byName(out, "Korea's 2017 goods deficit is about US$22.9bn");
    expect(deficit).toMatchObject({
      type: 'balance',
      status: 'pass',
      measured: -22_880_000_000,
      valueUsd: -22_880_000_000,
      query: { year: 2017, previousYear: null, flow: null, partner: 'KR' },
      files: [CSV],
    });
    expect(deficit.measured).toBe((await balanceRow(2017, 'KR'))?.balanceUsd);
    expect(byName(out, "Korea's 2016 deficit is under US$25bn")).toMatchObject({
      failure: 'below-min',
      measured: (await balanceRow(2016, 'KR'))?.balanceUsd,
    });
    // No year: the latest with both flows (2017), not the imports' latest alone.
    expect(byName(out, "Korea's latest deficit is over US$25bn")).toMatchObject({
      failure: 'above-max',
      measured: -22_880_000_000,
      query: { year: 2017 },
    });
    const share = await run([
      'share',
      '--data',
      CSV,
      '--category',
      'all-commodities',
      '--year',
      '2017',
      '--partner',
      'KR',
      '--json',
    ]);
    const krRow = JSON.parse(share.stdout).rows.find((x: { code: string }) => x.code === 'KR');
    expect(byName(out, 'Imports from Korea in 2017 are US$71.0-71.5bn')).toMatchObject({
      type: 'value',
      status: 'pass',
      measured: krRow.valueUsd,
      valueUsd: 71_210_000_000,
      query: { flow: 'imports', partner: 'KR' },
    });
    expect(byName(out, 'Exports to Korea in 2017 are at least US$48bn')).toMatchObject({
      measured: 48_330_000_000,
      query: { flow: 'exports' },
    });
    expect(byName(out, 'Exports to Korea in 2016 are at least US$45bn')).toMatchObject({
      failure: 'below-min',
    });
    expect(byName(out, 'Imports from Korea in 2017 are under US$70bn')).toMatchObject({
      failure: 'above-max',
    });
  });

  it('a partner without a figure in one flow is not evaluated, and the reason names the flow (never read as 0)', async () => {
    const out = await json([RULES], 1);
    const canada = byName(out, "Canada's 2017 balance");
    expect(canada).toMatchObject({
      status: 'fail',
      failure: 'not-evaluated',
      measured: null,
      valueUsd: null,
    });
    expect(canada.reason).toMatch(/^CA has no all-commodities exports figure for 2017: /);
    expect(canada.reason).toContain('a missing flow is never read as 0');
    // With its imports alone (US$300bn) against exports of 0, max 0 would have passed.
    const vietnam = byName(out, "Vietnam's 2017 balance");
    expect(vietnam).toMatchObject({ failure: 'not-evaluated', measured: null });
    expect(vietnam.reason).toMatch(/^VN has no all-commodities imports figure for 2017: /);
    // A year with no exports at all: the share pipeline says so.
    expect(byName(out, "Korea's 2015 balance")).toMatchObject({
      failure: 'not-evaluated',
      reason: 'no all-commodities exports data for 2015 (years with data: 2016-2017)',
    });
    expect(byName(out, 'Exports to Canada in 2017')).toMatchObject({ failure: 'not-evaluated' });
    expect(byName(out, 'Exports to Canada in 2017').reason).toContain(
      'Canada (CA) has no all-commodities exports row for 2017',
    );
  });

  it('a partner in neither flow: both flows named', async () => {
    const out = await json([RULES], 1);
    expect(byName(out, "Japan's 2017 balance")).toMatchObject({
      failure: 'not-evaluated',
      measured: null,
      query: { partner: 'JP' },
      reason:
        'Japan (JP) has no all-commodities exports or imports figure for 2017; no balance without both flows (a missing flow is never read as 0)',
    });
  });

  it('github, junit and markdown word them alike', async () => {
    const gh = await run(['check', RULES, '--format', 'github'], { cwd: ROOT });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toContain(
      "::error file=test/fixtures/check/balance.checks.json,line=16,title=korus-stats check%3A Korea's 2016 deficit is under US$25bn::Korea's 2016 deficit is under US$25bn: -US$27.60bn (min -US$25.00bn), below the minimum",
    );
    expect(gh.stdout).toMatch(
      /::error file=[^,]+,line=31,.*could not be measured: CA has no all-commodities exports figure/,
    );
    const junit = await run(['check', RULES, '--format', 'junit'], { cwd: ROOT });
    expect(junit.stdout).toContain(
      '<testcase name="Korea&apos;s 2017 goods deficit is about US$22.9bn" classname="korus-stats.check.balance"/>',
    );
    expect(junit.stdout).toMatch(/classname="korus-stats\.check\.value"/);
    expect(junit.stdout).toContain('-US$27.60bn (min -US$25.00bn), below the minimum');
    const md = await run(['check', RULES, '--format', 'markdown'], { cwd: ROOT });
    expect(md.stdout).toContain(
      "| ✅ | Korea's 2017 goods deficit is about US$22.9bn | -US$22.88bn | min -US$23.00bn, max -US$22.80bn | pass |",
    );
    expect(md.stdout).toContain(
      '| ❌ | Imports from Korea in 2017 are under US$70bn | US$71.21bn | max US$70.00bn | fail, above the maximum |',
    );
  });

  it('--data - reads standard input once per flow (copied for the second read), with the same figures', async () => {
    const csv = readFileSync(join(ROOT, CSV), 'utf8');
    const fromStdin = await json([RULES, '--data', '-'], 1, { stdin: csv });
    const fromFile = await json([RULES], 1);
    expect(fromStdin.results.map((r) => [r.name, r.status, r.measured])).toEqual(
      fromFile.results.map((r) => [r.name, r.status, r.measured]),
    );
  });

  it('rules-file problems: partner required, no aggregate, no flow on a balance, bounds, unknown fields', async () => {
    const f = fx('balance-problems.checks.json');
    const r = await run(['check', f], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(`korus-stats: error: ${f}: 9 problems in the rules file:`);
    expect(lines.slice(1, 10)).toEqual([
      `  ${f}:3:5: rule 1 ("Value without a partner"): a value rule needs a "partner" (e.g. "KR", "KOR", "South Korea")`,
      `  ${f}:4:5: rule 2 ("Balance without a partner"): a balance rule needs a "partner" (e.g. "KR", "KOR", "South Korea")`,
      `  ${f}:10:7: rule 3 ("Balance of one flow"): a balance rule has no "flow": it reads both flows, exports minus imports (for one flow's figure, use a value rule with "flow")`,
      `  ${f}:13:77: rule 4 ("Value of the World"): "partner" "World" is an aggregate row (world), not a partner (use a total rule for the World figure)`,
      `  ${f}:18:7: rule 5 ("Balance with the World"): "partner" "WLD" is an aggregate row (world), not a partner`,
      `  ${f}:21:5: rule 6 ("Value without bounds"): a value rule needs a "min", a "max" or both (US dollars, e.g. "min": 250000000)`,
      `  ${f}:22:5: rule 7 ("Balance without bounds"): a balance rule needs a "min", a "max" or both (US dollars, a deficit negative, e.g. "min": -23000000000, "max": -22800000000)`,
      `  ${f}:29:7: rule 8 ("Balance bounds the wrong way"): "min" -1 is greater than "max" -2: no value could pass`,
      `  ${f}:37:7: rule 9 ("Balance with a tolerance"): unknown field "tolerance" (fields: name, type, description, category, year, partner, flow, reporter, source, data, min, max)`,
    ]);
    // The columns are those of the fields named (or of the rule, for a field it lacks).
    const text = readFileSync(join(ROOT, f), 'utf8').split('\n');
    expect(text[9]?.slice(6)).toMatch(/^"flow"/);
    expect(text[12]?.slice(76)).toMatch(/^"partner": "World"/);
    expect(text[17]?.slice(6)).toMatch(/^"partner": "WLD"/);
    expect(text[28]?.slice(6)).toMatch(/^"max"/);
    expect(text[36]?.slice(6)).toMatch(/^"tolerance"/);
    // The schema refuses them too (all but the aggregates, which take the partner catalog, and min > max).
    const rules = JSON.parse(readFileSync(join(ROOT, f), 'utf8')).rules as unknown[];
    expect(rules.map((rule) => validateRules({ rules: [rule] }))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
  });
});

describe('a rules file that cannot be used: exit 2', () => {
  const errorLine = (stderr: string) => stderr.split('\n')[0];

  it('names the file, line, column and the problem, with a hint', async () => {
    const r = await run(['check', fx('invalid.checks.json')], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorLine(r.stderr)).toBe(
      'korus-stats: error: test/fixtures/check/invalid.checks.json:9:7: rule 1 ("Korea under 1% of 2016 apparel"): "max" must be a number, not a string "1%"',
    );
    expect(r.stderr).toContain('0.01 is 1%');
  });

  it('lists every problem, in file order', async () => {
    const r = await run(['check', fx('several-problems.checks.json')], { cwd: ROOT });
    expect(r.code).toBe(2);
    const f = 'test/fixtures/check/several-problems.checks.json';
    expect(errorLine(r.stderr)).toBe(`korus-stats: error: ${f}: 9 problems in the rules file:`);
    expect(r.stderr).toContain(`${f}:2:3: the rules file: unknown field "rule" (did you mean "rules"?)`);
    expect(r.stderr).toContain('"type" is "shares", not one of share, total, partner-present, rows, change');
    expect(r.stderr).toContain(
      '"max" 5 is not a share: shares are fractions from 0 to 1 (0.01 is 1%; for 5% write 0.05)',
    );
    expect(r.stderr).toContain('"partner" "World" is an aggregate row (world), not a partner');
    expect(r.stderr).toContain('rule 4 ("Rows"): a rows rule needs a "year"');
    expect(r.stderr).toContain(`${f}:8:5: rule 5: no "name"`);
    // The schema finds them too (all but the World partner, which takes the partner catalog).
    const rules = JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
    expect(validateRules(rules)).toBe(false);
  });

  it('not JSON: the line and column of the syntax error', async () => {
    const r = await run(['check', fx('bad-json.checks.txt')], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(
      /^korus-stats: error: test\/fixtures\/check\/bad-json\.checks\.txt:3:70: not valid JSON: /,
    );
  });

  it('a missing rules file, named or the default', async () => {
    const named = await run(['check', fx('nope.checks.json')], { cwd: ROOT });
    expect(named.code).toBe(2);
    expect(errorLine(named.stderr)).toBe(
      'korus-stats: error: test/fixtures/check/nope.checks.json: no such file',
    );
    const dflt = await run(['check'], { cwd: mkdtempSync(join(tmpdir(), 'korus-check-')) });
    expect(dflt.code).toBe(2);
    expect(errorLine(dflt.stderr)).toBe(
      'korus-stats: error: korus-stats.checks.json: no such file (the default rules file, in the current directory)',
    );
    expect(dflt.stderr).toContain('schemas/checks.schema.json');
  });

  it('bad flags', async () => {
    const fmt = await run(['check', '--format', 'xml'], { cwd: ROOT });
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain("argument 'xml' is invalid");
    const both = await run(['check', '--json', '--format', 'junit'], { cwd: ROOT });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --format junit contradict each other');
  });

  it('help leads with examples and exits 0', async () => {
    const r = await run(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: korus-stats check [options] [rules-file]');
    expect(r.stdout).toContain('$ korus-stats check --format github');
  });
});

describe('the rules file checks agree with the schema', () => {
  const base = { name: 'r', category: 'apparel', year: 2016 };
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['share with max', { ...base, type: 'share', partner: 'KR', max: 0.01 }, true],
    ['share without partner', { ...base, type: 'share', max: 0.01 }, false],
    ['share without bounds', { ...base, type: 'share', partner: 'KR' }, false],
    ['share as a percentage', { ...base, type: 'share', partner: 'KR', max: 1.5 }, false],
    ['share bound as a string', { ...base, type: 'share', partner: 'KR', max: '0.01' }, false],
    ['total with min', { ...base, type: 'total', min: 1 }, true],
    ['total with a partner', { ...base, type: 'total', partner: 'KR', min: 1 }, false],
    ['partner-present', { ...base, type: 'partner-present', partner: 'China' }, true],
    ['partner-present with a bound', { ...base, type: 'partner-present', partner: 'CN', min: 1 }, false],
    ['rows', { ...base, type: 'rows', min: 3 }, true],
    ['rows without a year', { name: 'r', category: 'apparel', type: 'rows', min: 3 }, false],
    ['rows with a fraction', { ...base, type: 'rows', min: 2.5 }, false],
    ['change of the total', { ...base, type: 'change', min: -0.1, max: 0 }, true],
    [
      'change of a partner, latest year',
      { name: 'r', category: 'apparel', type: 'change', partner: 'KR', max: 1 },
      true,
    ],
    ['value', { ...base, type: 'value', partner: 'KR', min: 250e6 }, true],
    ['value of exports', { ...base, type: 'value', partner: 'KR', flow: 'exports', max: 1e9 }, true],
    ['value without partner', { ...base, type: 'value', min: 1 }, false],
    ['value without bounds', { ...base, type: 'value', partner: 'KR' }, false],
    ['balance, a deficit', { ...base, type: 'balance', partner: 'KR', min: -23e9, max: -22.8e9 }, true],
    [
      'balance, latest year',
      { name: 'r', category: 'apparel', type: 'balance', partner: 'KR', min: 0 },
      true,
    ],
    ['balance without partner', { ...base, type: 'balance', max: 0 }, false],
    ['balance without bounds', { ...base, type: 'balance', partner: 'KR' }, false],
    ['balance with a flow', { ...base, type: 'balance', partner: 'KR', flow: 'imports', max: 0 }, false],
    ['balance bound as a string', { ...base, type: 'balance', partner: 'KR', max: '-1e9' }, false],
    ['unknown type', { ...base, type: 'ratio', max: 1 }, false],
    ['unknown field', { ...base, type: 'total', min: 1, tolerance: 2 }, false],
    ['two-digit year', { ...base, year: 16, type: 'total', min: 1 }, false],
    ['bad flow', { ...base, type: 'total', min: 1, flow: 'import' }, false],
    ['data list', { ...base, type: 'total', min: 1, data: ['a.csv', 'b/'] }, true],
    ['data from stdin', { ...base, type: 'total', min: 1, data: '-' }, false],
    ['no name', { category: 'apparel', type: 'total', min: 1 }, false],
  ];
  it.each(cases)('%s', (_label, rule, valid) => {
    const file = { rules: [rule] };
    expect(validateRules(file), JSON.stringify(validateRules.errors)).toBe(valid);
    const parse = () => parseRules(JSON.stringify(file, null, 2), 'rules.json');
    if (valid) expect(parse).not.toThrow();
    else expect(parse).toThrow(KorusError);
  });

  it('file-level problems', () => {
    for (const text of [
      '[]',
      '{}',
      '{"rules": []}',
      '{"rules": {}}',
      '{"rules": [1]}',
      '',
      '{"data": 3, "rules": []}',
    ]) {
      expect(() => parseRules(text, 'rules.json'), text).toThrow(KorusError);
      if (text) expect(validateRules(JSON.parse(text)), text).toBe(false);
    }
  });

  it('duplicate names and min above max are refused (beyond what the schema can say)', () => {
    const rule = { name: 'same', type: 'total', category: 'apparel', min: 1 };
    expect(() => parseRules(JSON.stringify({ rules: [rule, rule] }), 'r.json')).toThrow(
      /the name "same" is already rule 1's/,
    );
    expect(() => parseRules(JSON.stringify({ rules: [{ ...rule, min: 5, max: 1 }] }), 'r.json')).toThrow(
      /"min" 5 is greater than "max" 1/,
    );
  });
});

describe('core', () => {
  it('locateJson finds members at their keys and array elements at their start', () => {
    const text = '{\n  "rules": [\n    { "name": "a",\n      "max": 1 },\n    {"name":"b\\"c"}\n  ]\n}\n';
    const at = locateJson(text);
    expect(at.get('rules')).toEqual({ line: 2, column: 3 });
    expect(at.get('rules[0]')).toEqual({ line: 3, column: 5 });
    expect(at.get('rules[0].max')).toEqual({ line: 4, column: 7 });
    expect(at.get('rules[1].name')).toEqual({ line: 5, column: 6 });
  });

  it('a rule whose figure could not be computed fails with the reason and its hint', () => {
    const [rule] = parseRules(
      '{"rules": [{"name": "x", "type": "total", "category": "apparel", "year": 2030, "min": 1}]}',
      'r.json',
    ).rules;
    if (!rule) throw new Error('no rule');
    const out = evaluateRule(rule, {
      error: 'no apparel imports data for 2030',
      hint: 'years with data: 2016',
    });
    expect(out).toMatchObject({
      status: 'fail',
      failure: 'not-evaluated',
      measured: null,
      reason: { code: 'not-measured' },
      query: { year: 2030, partner: null },
    });
    // The reason travels as facts; output words it.
    expect(out.reason && reasonText(out.reason)).toBe(
      'no apparel imports data for 2030 (years with data: 2016)',
    );
  });
});

/** A loose well-formedness check: every opened element is closed, in order. */
function expectBalanced(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
  expect(body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
}
