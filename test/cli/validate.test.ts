import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const DIR = join(import.meta.dirname, '../fixtures/validate');
const fx = (name: string) => join(DIR, name);
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../schemas/validate.schema.json'), 'utf8'),
);
const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

type Problem = {
  file: string;
  line: number | null;
  column: number | null;
  code: string;
  severity: string;
  message: string;
};
type Report = {
  valid: boolean;
  summary: { errors: number; warnings: number; listed: number; rows: number };
  counts: Record<string, number>;
  problems: Problem[];
};

async function report(args: string[], expectCode?: number): Promise<Report> {
  const r = await run(['validate', ...args, '--format', 'json']);
  if (expectCode !== undefined) expect(r.code).toBe(expectCode);
  const out = JSON.parse(r.stdout);
  expect(validateSchema(out), JSON.stringify(validateSchema.errors)).toBe(true);
  return out;
}

const tmp = (name: string, text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'korus-validate-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// frictionless-py's own tests assert these (row, field, type) triples for its structural fixtures
// (frictionless/resource/__spec__/test_validate.py and checks/__spec__/test_baseline.py, v5.19.0).
// Header problems have row null there; here they are on the header's line. Kinds map to codes:
// blank-label -> blank-header, duplicate-label -> duplicate-header, missing-cell, extra-cell, blank-row.
const KIND: Record<string, string> = {
  'blank-label': 'blank-header',
  'duplicate-label': 'duplicate-header',
  'missing-cell': 'missing-cell',
  'extra-cell': 'extra-cell',
  'blank-row': 'blank-row',
};
const FRICTIONLESS: Record<string, Array<[number | null, number | null, string]>> = {
  'invalid.csv': [
    [null, 3, 'blank-label'],
    [null, 4, 'duplicate-label'],
    [2, 3, 'missing-cell'],
    [2, 4, 'missing-cell'],
    [3, 3, 'missing-cell'],
    [3, 4, 'missing-cell'],
    [4, null, 'blank-row'],
    [5, 5, 'extra-cell'],
  ],
  'blank-headers.csv': [[null, 2, 'blank-label']],
  'duplicate-headers.csv': [
    [null, 3, 'duplicate-label'],
    [null, 5, 'duplicate-label'],
  ],
  'defective-rows.csv': [
    [2, 3, 'missing-cell'],
    [3, 4, 'extra-cell'],
  ],
  'blank-rows.csv': [[4, null, 'blank-row']],
  // frictionless reports lines 4 to 14 one by one; validate reports a run of blank rows once, at its first
  // line, naming the run (a file of millions of empty lines is one problem, not millions).
  'blank-rows-multiple.csv': [[4, null, 'blank-row']],
};

describe('validate: structure, as frictionless reports it', () => {
  it.each(Object.keys(FRICTIONLESS))('%s', async (name) => {
    const out = await report(['--structure', fx(name)]);
    const header = new Set(['blank-header', 'duplicate-header']);
    const got = out.problems.map((p) => [header.has(p.code) ? null : p.line, p.column, p.code]);
    const want = (FRICTIONLESS[name] ?? []).map(([row, col, kind]) => [row, col, KIND[kind]]);
    expect(new Set(got.map((x) => JSON.stringify(x)))).toEqual(new Set(want.map((x) => JSON.stringify(x))));
    expect(got).toHaveLength(want.length);
  });
});

describe('validate: every problem, counted', () => {
  it('reports all 25 ragged rows with their lines; --max-errors 5 lists 5 and still counts 25', async () => {
    const all = await report([fx('ragged-25.csv')], 1);
    expect(all.counts['extra-cell']).toBe(25);
    expect(all.problems.filter((p) => p.code === 'extra-cell').map((p) => p.line)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 2),
    );
    const capped = await report([fx('ragged-25.csv'), '--max-errors', '5'], 1);
    expect(capped.problems).toHaveLength(5);
    expect(capped.summary).toMatchObject({ errors: 25, listed: 5 });
    const text = await run(['validate', fx('ragged-25.csv'), '--max-errors', '5']);
    expect(text.stdout).toMatch(/25 errors, 0 warnings; 5 listed \(--max-errors\): invalid/);
  });

  it('checks each value: years, numbers, negatives, markers, codes, partners, flows, duplicates', async () => {
    const out = await report([fx('values.csv')], 1);
    const at = (code: string) => out.problems.filter((p) => p.code === code).map((p) => [p.line, p.column]);
    expect(at('bad-year')).toEqual([[4, 1]]);
    expect(at('bad-number')).toEqual([[5, 6]]);
    expect(out.problems.find((p) => p.code === 'bad-number')?.message).toContain('"1,234"');
    expect(at('negative-value')).toEqual([[6, 6]]);
    expect(out.problems.find((p) => p.code === 'suppressed')?.message).toMatch(
      /"\(D\)".*2 rows, first at line 7/,
    );
    expect(at('unknown-partner')).toEqual([[9, 4]]);
    expect(at('hs-code-leading-zero')).toEqual([[10, 5]]);
    expect(out.problems.find((p) => p.code === 'duplicate-row')).toMatchObject({ line: 11 });
    expect(out.problems.find((p) => p.code === 'duplicate-row')?.message).toContain('as line 3');
    expect(at('bad-flow')).toEqual([[13, 3]]);
    expect(out.summary.rows).toBe(12);
  });

  it('reports mixed line endings at the first minority ending', async () => {
    const out = await report([fx('mixed-endings.csv')], 0);
    expect(out.problems).toEqual([
      expect.objectContaining({ code: 'mixed-line-endings', line: 3, severity: 'warning' }),
    ]);
    const strict = await report([fx('mixed-endings.csv'), '--strict'], 1);
    expect(strict.valid).toBe(false);
  });

  it('an unclosed quote ends the file at the line where its record starts', async () => {
    const out = await report([fx('unclosed.csv')], 1);
    expect(out.problems).toEqual([expect.objectContaining({ code: 'csv-syntax', line: 3 })]);
  });

  it('a missing path could not run: exit 2', async () => {
    const r = await run(['validate', 'nope.csv']);
    expect(r.code).toBe(2);
  });
});

describe('validate: the bundled data and its totals', () => {
  it('the bundled data is valid', async () => {
    const r = await run(['validate', join(import.meta.dirname, '../../data')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5 files, 200 rows: 0 errors, 0 warnings: valid/);
  });

  it('partners above the reported total fail with the file, line and both numbers', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../data/otexa-apparel.csv'), 'utf8');
    const broken = tmp('otexa-apparel.csv', text.replace('apparel,251,', 'apparel,90000,'));
    const out = await report([broken], 1);
    const p = out.problems.find((x) => x.code === 'total-mismatch');
    expect(p).toMatchObject({ line: 14, column: 8, severity: 'error' }); // the World row
    expect(p?.message).toContain('80,713,830,000');
    expect(p?.message).toContain('90,000,000,000');
    const gh = await run(['validate', broken, '--format', 'github']);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(
      /^::error file=.*otexa-apparel\.csv,line=14,col=8,title=korus-stats total-mismatch::/m,
    );
  });

  it('USITC rows add up to their total within rounding; a bigger gap fails both ways with a remainder row', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../data/usitc-textiles-apparel.csv'), 'utf8');
    const short = tmp(
      'usitc.csv',
      text.replace(
        'USITC,2016,US,imports,CN,China,textiles-and-apparel,45221',
        'USITC,2016,US,imports,CN,China,textiles-and-apparel,40221',
      ),
    );
    const out = await report([short], 1);
    expect(out.problems.map((p) => p.code)).toEqual(['total-mismatch']);
  });

  it('--format github appends a Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = tmp('summary.md', '');
    const r = await run(['validate', fx('ragged-25.csv'), '--format', 'github'], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(25);
    expect(r.stdout).toContain('::notice::25 errors in all');
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('### korus-stats validate: invalid');
    expect(md).toContain('| extra-cell | 25 | error |');
  });

  it('--format junit is one test case per file, failures counted', async () => {
    const r = await run(['validate', fx('ragged-25.csv'), fx('mixed-endings.csv'), '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    // Streamed: the suite's tag is written before the counts are known; they are in its system-out.
    expect(r.stdout).toContain('<testsuite name="korus-stats validate">');
    expect(r.stdout).toContain('<system-out>2 files, 43 rows: 25 errors, 1 warning: invalid</system-out>');
    expect((r.stdout.match(/<testcase /g) ?? []).length).toBe(2);
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(1);
  });
});
