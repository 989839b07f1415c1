// validate with many problems: counts exact, the listing bounded, every format well-formed. The files are
// generated here (never committed); no timing is asserted.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../schemas/validate.schema.json'), 'utf8'),
);
const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const ROWS = 200_000;
const DIR = mkdtempSync(join(tmpdir(), 'korus-validate-many-'));
const HEADER = 'year,reporter,partner,partner_name,hs_code,flow,value_usd\n';

/** ROWS rows: the first of one key, then ROWS - 1 repeats of it (a warning each), and one bad number. */
let repeats = '';
let dupes = 0;
beforeAll(() => {
  const parts = [HEADER];
  for (let i = 0; i < ROWS; i++) parts.push(`2016,US,CN,China,610910,imports,${i + 1}\n`);
  parts.push('2016,US,VN,Vietnam,610910,imports,12x\n');
  repeats = join(DIR, 'repeats.csv');
  writeFileSync(repeats, parts.join(''));
  dupes = ROWS - 1;
});

describe('validate: many problems', () => {
  it('text lists the first 1,000, says how many more, and counts them all', async () => {
    const r = await run(['validate', repeats]);
    expect(r.code).toBe(1);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith(`    ${repeats}:`));
    expect(listed).toHaveLength(1000);
    expect(r.stdout).toContain(
      `and ${(dupes + 1 - 1000).toLocaleString('en-US')} more problems not listed (--max-errors to list more)`,
    );
    expect(r.stdout).toContain(
      `1 file, ${(ROWS + 1).toLocaleString('en-US')} rows: 1 error, ${dupes.toLocaleString('en-US')} warnings; 1,000 listed (--max-errors): invalid`,
    );
    expect(r.stdout).toContain(`warning duplicate-row (1,000 of ${dupes.toLocaleString('en-US')})`);
    expect(r.stderr).toBe(''); // no progress line into a pipe
  });

  it('--max-errors N lists N, the counts stay complete', async () => {
    const r = await run(['validate', repeats, '--max-errors', '7']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(`    ${repeats}:`))).toHaveLength(7);
    expect(r.stdout).toContain(`and ${(dupes + 1 - 7).toLocaleString('en-US')} more problems not listed`);
    const j = JSON.parse((await run(['validate', repeats, '--max-errors', '7', '--json'])).stdout);
    expect(j.problems).toHaveLength(7);
    expect(j.summary).toMatchObject({ errors: 1, warnings: dupes, listed: 7, rows: ROWS + 1 });
  });

  it('--format json streams every problem as valid JSON with the exact counts', async () => {
    const r = await run(['validate', repeats, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(validateSchema(j), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(j.summary).toMatchObject({ files: 1, errors: 1, warnings: dupes, listed: dupes + 1 });
    expect(j.counts).toEqual({ 'duplicate-row': dupes, 'bad-number': 1 });
    expect(j.problems).toHaveLength(dupes + 1);
    expect(j.problems[0]).toMatchObject({ line: 3, code: 'duplicate-row', hint: null });
    expect(j.problems.at(-1)).toMatchObject({ line: ROWS + 2, code: 'bad-number', column: 7 });
    expect(j.files[0]).toMatchObject({ rows: ROWS + 1, errors: 1, warnings: dupes });
  });

  it('--format junit streams well-formed XML: a case per file, the counts in its system-out', async () => {
    const other = join(DIR, 'fine.csv');
    writeFileSync(other, `${HEADER}2016,US,JP,Japan,610910,imports,5\n`);
    const r = await run(['validate', repeats, other, '--format', 'junit', '--strict']);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    // The failure's text is kept raw (stopNodes): parsing 200,000 lines of text node is the parser's slow case.
    const x = new XMLParser({ ignoreAttributes: false, stopNodes: ['*.failure'] }).parse(r.stdout);
    const suite = x.testsuites.testsuite;
    expect(suite.testcase).toHaveLength(2);
    expect(suite.testcase[0]['@_name']).toBe(repeats);
    expect(suite.testcase[0].failure['#text'].trimEnd().split('\n')).toHaveLength(dupes + 1);
    expect(suite.testcase[1].failure).toBeUndefined();
    expect(suite['system-out']).toContain(`1 error, ${dupes.toLocaleString('en-US')} warnings`);
  });

  it('--format github annotates the first 1,000 and says the full counts', async () => {
    const r = await run(['validate', repeats, '--format', 'github']);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('::warning ') || l.startsWith('::error '))).toHaveLength(1000);
    expect(r.stdout).toContain(
      `::notice::1 error in all (and ${dupes.toLocaleString('en-US')} warnings), 1,000 annotated`,
    );
  });
});

describe('validate: blank lines as runs', () => {
  it('100,000 empty lines inside the table are one problem naming the run', async () => {
    const f = join(DIR, 'blanks.csv');
    const blank = '\n'.repeat(100_000);
    writeFileSync(
      f,
      `${HEADER}2016,US,CN,China,610910,imports,5\n${blank}2016,US,VN,Vietnam,610910,imports,7\n,,,,,,\n\n`,
    );
    const j = JSON.parse((await run(['validate', f, '--json'])).stdout);
    expect(j.problems.map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [3, '100,000 blank rows inside the table (lines 3-100002)'],
      [100004, 'a blank row below the table'],
    ]);
    expect(j.counts).toEqual({ 'blank-row': 2 });
  });

  it("the reader counts every blank row and names the first 100 runs (share's JSON and note)", async () => {
    const f = join(DIR, 'runs.csv');
    const parts = [HEADER];
    for (let i = 0; i < 150; i++) parts.push(`2016,US,CN,China,610910,imports,${i + 1}\n\n\n`);
    parts.push('2016,US,CN,China,610910,imports,1\n');
    writeFileSync(f, parts.join(''));
    const args = ['share', '--data', f, '--category', 'apparel', '--year', '2016', '--flow', 'imports'];
    const r = await run([...args, '--json']);
    const file = JSON.parse(r.stdout).input.files[0];
    expect(file.blankRows).toBe(300);
    expect(file.blankRuns).toHaveLength(100);
    expect(file.blankRuns.slice(0, 2)).toEqual([
      [3, 4],
      [6, 7],
    ]);
    expect(file.blankLines).toHaveLength(100);
    expect(r.stderr).toContain('300 blank rows between data rows skipped (lines 3-4, 6-7, 9-10,');
  });

  it('counts each of 100,000 partners the catalog does not know once, with its rows and first line, in order', async () => {
    const f = join(DIR, 'unknown-partners.csv');
    const parts = [HEADER];
    // Partner i on line i + 2 (the partner column is read; partner_name is another name for it, not read);
    // partners 0-9 come back once more at the end (their counts are 2).
    for (let i = 0; i < 100_000; i++) parts.push(`2016,US,Q${i},Isle Q${i},610910,imports,1\n`);
    for (let i = 0; i < 10; i++) parts.push(`2015,US,Q${i},Isle Q${i},610910,imports,1\n`);
    writeFileSync(f, parts.join(''));
    const j = JSON.parse((await run(['validate', f, '--json', '--max-errors', '200000'])).stdout);
    const unknown = j.problems.filter((p: { code: string }) => p.code === 'unknown-partner');
    expect(unknown).toHaveLength(100_000);
    expect(j.counts['unknown-partner']).toBe(100_000);
    expect(unknown.slice(0, 2).map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [2, 'partner "Q0" is not in the catalog (kept under its own name): 2 rows, first at line 2'],
      [3, 'partner "Q1" is not in the catalog (kept under its own name): 2 rows, first at line 3'],
    ]);
    expect(unknown[99_999].message).toBe(
      'partner "Q99999" is not in the catalog (kept under its own name): line 100001',
    );
    expect(unknown.map((p: { line: number }) => p.line)).toEqual(
      Array.from({ length: 100_000 }, (_, i) => i + 2),
    );
  });
});
