import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { detectProfile } from '../../src/sources/index.js';
import { run } from '../helpers.js';

const DIR = join(import.meta.dirname, '../fixtures/layouts');
const fx = (name: string) => join(DIR, name);
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/share.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--json'];

type Json = {
  rows: Array<{
    kind: string;
    code: string | null;
    valueUsd: number;
    share: number | null;
    highlighted: boolean;
  }>;
  total: { valueUsd: number; basis: string };
  notes: Array<{ code: string; message: string }>;
  valueBasis: string[];
  input: {
    layout: string;
    rowsRead: number;
    rowsUsed: number;
    rowsFiltered: number;
    rowsMissing: number;
    rowsAggregate: number;
    files: Array<{ layout: string; skippedLines: number[]; headerLine: number }>;
  };
};

async function share(args: string[], stdin?: string): Promise<Json> {
  const r = await run([...SHARE, ...args], { stdin });
  expect(r.stderr).not.toContain('error');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  const i = out.input;
  expect(i.rowsUsed + i.rowsFiltered + i.rowsMissing + i.rowsAggregate).toBe(i.rowsRead);
  return out;
}

describe('every layout gives the same shares from the same figures', async () => {
  const reference = await share(['--data', fx('canonical.csv')]);

  it('the reference: six partners and the part of World they leave out', () => {
    expect(reference.rows.map((r) => r.code)).toEqual(['CN', 'VN', 'BD', 'ID', 'IN', 'KR', null]);
    expect(reference.total.valueUsd).toBe(80_713_830_000);
    expect(reference.input.layout).toBe('canonical');
  });

  it.each([
    ['comtrade-legacy.csv', 'comtrade-legacy', []],
    ['comtrade-plus.csv', 'comtrade-plus', []],
    ['comtradr.csv', 'comtradr', []],
    ['census.csv', 'census', []],
    ['census.json', 'census', []],
    ['dataweb.csv', 'dataweb', []],
    ['otexa.csv', 'otexa', ['--set', 'category=apparel']],
    // Real sources' own traps (make-profiles.mjs): each must still give the same rows, with no extra flag
    // beyond what the file cannot say (its category, a measure among several).
    ['comtrade-plus-portal.csv', 'comtrade-plus', []],
    ['comtrade-plus-api.csv', 'comtrade-plus', []],
    ['comtrade-legacy-plus.csv', 'comtrade-legacy', []],
    ['comtrade-legacy-sitc.csv', 'comtrade-legacy', []],
    ['comtradr-ct-search.csv', 'comtradr', []],
    ['census-groups.csv', 'census', []],
    ['census-port-r.csv', 'census', ['--measure', 'CNT_VAL_YR']],
    ['wits-partner.csv', 'wits', ['--set', 'category=apparel']],
  ])('%s is read as %s', async (file, layout, extra) => {
    const out = await share(['--data', fx(file), ...extra]);
    expect(out.input.layout).toBe(layout);
    expect(out.rows).toEqual(reference.rows);
  });

  it('names each layout in the table footer', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--data', fx('census.csv')]);
    expect(r.stdout).toContain('US Census international trade API');
  });
});

describe('per-source semantics', () => {
  it('a Census API answer piped on stdin, with a partner by its Census code', async () => {
    const out = await share(['--data', '-', '--partner', '5800'], readFileSync(fx('census.json'), 'utf8'));
    expect(out.rows.find((r) => r.highlighted)).toMatchObject({ code: 'KR', valueUsd: 251_000_000 });
    expect(out.input.layout).toBe('census');
    expect(out.valueBasis).toEqual(['general imports, customs value (US Census)']);
  });

  it('Census: the December year-to-date rows are the year; June rows and country groups do not count', async () => {
    const out = await share(['--data', fx('census.csv')]);
    expect(out.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['period', 'group-rows']));
    expect(out.notes.find((n) => n.code === 'period')?.message).toContain('December year-to-date');
  });

  it('Comtrade Plus by mode of transport: the motCode 0 totals are used, the modes left out', async () => {
    const totals = await share(['--data', fx('comtrade-plus.csv')]);
    const modes = await share(['--data', fx('comtrade-plus-modes.csv')]);
    expect(modes.rows).toEqual(totals.rows);
    expect(modes.notes.find((n) => n.code === 'dimension-detail')?.message).toContain(
      '42 rows by mode of transport',
    );
  });

  it('refuses modes of transport without their totals', async () => {
    const lines = readFileSync(fx('comtrade-plus-modes.csv'), 'utf8').split('\n');
    const header = (lines[0] ?? '').split(',');
    const mot = header.indexOf('motCode');
    const noTotals = lines.filter((l, i) => i === 0 || (l && l.split(',')[mot] !== '0')).join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'korus-layout-'));
    writeFileSync(join(dir, 'modes-only.csv'), `${noTotals}\n`);
    const r = await run([...SHARE, '--data', join(dir, 'modes-only.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('breaks partners down by mode of transport (motCode) and has no total rows');
  });

  it('a World-only download gives the total and says it has no partner detail', async () => {
    const out = await share(['--data', fx('comtradr-world.csv')]);
    expect(out.total.valueUsd).toBe(45_417_624_169 + 38_551_530_945);
    expect(out.rows.filter((r) => r.kind === 'partner')).toEqual([]);
    expect(out.notes.map((n) => n.code)).toContain('no-partner-detail');
  });

  it('DataWeb: metadata lines passed over, years as columns, a lost leading zero put back', async () => {
    const out = await share(['--data', fx('dataweb-two-years.csv')]);
    expect(out.input.files[0]).toMatchObject({ layout: 'dataweb', headerLine: 3, skippedLines: [1, 2] });
    expect(out.rows.find((r) => r.code === 'CN')).toMatchObject({ valueUsd: 13_937_698_000 });
    expect(out.input.rowsMissing).toBe(1); // Korea's empty 2015 cell
    const padded = await share(['--data', fx('dataweb.csv')]);
    expect(padded.notes.map((n) => n.code)).toContain('hs-code-repadded');
  });

  it("a Latin-1 file: without --encoding, exit 2 at the first bad byte; with it, Côte d'Ivoire", async () => {
    const bad = await run([...SHARE, '--data', fx('latin1.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/latin1\.csv:3: invalid UTF-8/);
    const out = await share(['--data', fx('latin1.csv'), '--encoding', 'latin1']);
    expect(out.rows.find((r) => r.code === 'CI')).toMatchObject({ valueUsd: 25 });
  });
});

describe('no double counting', () => {
  const tmp = (name: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-dup-'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('an exact repeat of a row is counted as given, with a warning naming both lines; --dedupe counts it once', async () => {
    const file = tmp(
      'dup.csv',
      'year,partner,category,value_usd\n2016,CN,apparel,10\n2016,CN,apparel,10\n2016,VN,apparel,5\n',
    );
    const out = await share(['--data', file]);
    expect(out.rows.find((r) => r.code === 'CN')?.valueUsd).toBe(20);
    expect(out.notes.find((n) => n.code === 'duplicate-rows')).toMatchObject({ level: 'warning', count: 1 });
    expect(out.notes.find((n) => n.code === 'duplicate-rows')?.message).toMatch(
      /dup\.csv:3 repeats .*dup\.csv:2/,
    );
    const once = await share(['--data', file, '--dedupe']);
    expect(once.rows.find((r) => r.code === 'CN')?.valueUsd).toBe(10);
    expect(once.notes.map((n) => n.code)).toContain('duplicate-rows-deduped');
  });

  it('--dedupe counts an exact repeat once in trend, breakdown and check too, as in share', async () => {
    const file = tmp(
      'dup.csv',
      'year,partner,category,value_usd\n2015,CN,apparel,8\n2016,CN,apparel,10\n2016,CN,apparel,10\n2016,VN,apparel,5\n',
    );
    const trend = async (extra: string[]) => {
      const r = await run([
        'trend',
        '--category',
        'apparel',
        '--partner',
        'CN',
        '--data',
        file,
        '--json',
        ...extra,
      ]);
      expect(r.code).toBe(0);
      const points = JSON.parse(r.stdout).series[0].points as Array<{ year: number; valueUsd: number }>;
      return points.find((p) => p.year === 2016)?.valueUsd;
    };
    expect(await trend([])).toBe(20);
    expect(await trend(['--dedupe'])).toBe(10);
    const breakdown = async (extra: string[]) => {
      const r = await run([
        'breakdown',
        '--partner',
        'CN',
        '--year',
        '2016',
        '--data',
        file,
        '--json',
        ...extra,
      ]);
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.stdout).categories as Array<{ name: string; valueUsd: number }>;
      return rows.find((c) => c.name === 'apparel')?.valueUsd;
    };
    expect(await breakdown([])).toBe(20);
    expect(await breakdown(['--dedupe'])).toBe(10);
  });

  it('two files giving different values for the same row is an error naming both', async () => {
    const a = tmp('a.csv', 'year,partner,category,value_usd\n2016,CN,apparel,10\n');
    const b = tmp('b.csv', 'year,partner,category,value_usd\n2016,CN,apparel,12\n');
    const r = await run([...SHARE, '--data', a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /two files give different values for 2016 China apparel: 10 \(.*a\.csv:2\) and 12 \(.*b\.csv:2\)/,
    );
  });

  it('nesting HS levels are refused, and --hs-level picks one', async () => {
    const file = tmp(
      'levels.csv',
      'year,partner,hs_code,value_usd\n2016,CN,61,100\n2016,CN,6109,40\n2016,CN,6110,60\n',
    );
    const r = await run([...SHARE, '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rows at HS 61 and HS 6109 both count for apparel');
    const out = await share(['--data', file, '--hs-level', '4']);
    expect(out.rows[0]?.valueUsd).toBe(100);
  });

  it('a Census column the API echoed must agree with the first', async () => {
    const text = readFileSync(fx('census.csv'), 'utf8').replace(/,61\n/, ',62\n');
    const r = await run([...SHARE, '--data', tmp('echo.csv', text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/echo\.csv:2:10: column 10 repeats the header "I_COMMODITY" of column 5/);
  });

  it('--set fills a field a file lacks, and will not hide a column', async () => {
    const r = await run([...SHARE, '--data', fx('canonical.csv'), '--set', 'category=apparel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has a category column');
  });
});

describe('inputs', () => {
  it('--data takes a quoted glob; two files with the same World rows stop the run, --dedupe reads them once', async () => {
    // comtrade-plus*.csv (four files) hold the same totals: reading them all counts them four times.
    const r = await run([...SHARE, '--data', join(DIR, 'comtrade-plus*.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /two World\/total rows for 2016 World 6[12]: \d+ \(.*comtrade-plus[-a-z]*\.csv:\d+\) and \d+ \(.*comtrade-plus[-a-z]*\.csv:\d+\)/,
    );
    const out = await share(['--data', join(DIR, 'comtrade-plus*.csv'), '--dedupe']);
    expect(out.input.files).toHaveLength(4);
    expect(out.total.valueUsd).toBe(80_713_830_000);
  });

  it('detects layouts from their headers', () => {
    expect(detectProfile(['refYear', 'primaryValue', 'partnerISO']).profile.name).toBe('comtrade-plus');
    expect(detectProfile(['ref_year', 'primary_value']).profile.name).toBe('comtradr');
    expect(detectProfile(['Year', 'Partner ISO', 'Trade Value (US$)']).profile.name).toBe('comtrade-legacy');
    expect(detectProfile(['CTY_CODE', 'CTY_NAME', 'CON_VAL_MO', 'YEAR']).profile.name).toBe('census');
    expect(detectProfile(['Data Type', 'HTS Number', 'Country', '2016']).profile.name).toBe('dataweb');
    expect(detectProfile(['Country', '2015', '2016']).profile.name).toBe('otexa');
    expect(detectProfile(['year', 'partner', 'value']).profile.name).toBe('canonical');
  });
});
