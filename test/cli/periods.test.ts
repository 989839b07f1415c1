import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const MONTHLY = join(import.meta.dirname, '../fixtures/periods/monthly.csv');

// The fixture's values, by the formula that wrote it: base + 10 x month, +50 in 2016, +3 for Vietnam in odd months.
const BASE: Record<string, number> = { World: 1000, CN: 400, VN: 100 };
const value = (p: string, year: number, m: number) =>
  (BASE[p] ?? 0) + 10 * m + (year === 2016 ? 50 : 0) + (p === 'VN' && m % 2 ? 3 : 0);
const sum = (p: string, year: number, from: number, to: number) => {
  let s = 0;
  for (let m = from; m <= to; m++) s += value(p, year, m);
  return s;
};

type Json = {
  query: { period: string; periodLabel: string; previousPeriodLabel: string | null };
  total: { valueUsd: number; previousValueUsd: number | null };
  rows: Array<{
    code: string | null;
    valueUsd: number;
    previousValueUsd: number | null;
    changeFraction: number | null;
  }>;
};

async function json(args: string[]): Promise<Json> {
  const r = await run(['share', '--category', 'apparel', '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('periods of monthly data', () => {
  it('--ytd: January to June 2016 against January to June 2015', async () => {
    const out = await json(['--data', MONTHLY, '--ytd']);
    expect(out.query).toMatchObject({
      period: 'ytd',
      periodLabel: 'January-June 2016',
      previousPeriodLabel: 'January-June 2015',
    });
    const cn = out.rows.find((r) => r.code === 'CN');
    expect(cn?.valueUsd).toBe(sum('CN', 2016, 1, 6)); // 2,910
    expect(cn?.previousValueUsd).toBe(sum('CN', 2015, 1, 6)); // 2,610
    expect(cn?.changeFraction).toBeCloseTo(300 / 2610, 12);
    expect(out.rows.find((r) => r.code === 'VN')?.valueUsd).toBe(1119);
    expect(out.total).toMatchObject({
      valueUsd: sum('World', 2016, 1, 6),
      previousValueUsd: sum('World', 2015, 1, 6),
    });
  });

  it('--year-ending: the 12 months ending June 2016 are 2016 January-June and 2015 July-December', async () => {
    const out = await json(['--data', MONTHLY, '--year-ending']);
    expect(out.query).toMatchObject({ period: 'year-ending', periodLabel: 'the 12 months ending June 2016' });
    expect(out.rows.find((r) => r.code === 'CN')?.valueUsd).toBe(
      sum('CN', 2016, 1, 6) + sum('CN', 2015, 7, 12),
    ); // 5,880
    expect(out.total.valueUsd).toBe(sum('World', 2016, 1, 6) + sum('World', 2015, 7, 12));
    // The 12 months before would need 2014: there is no comparison, and no invented one.
    expect(out.query.previousPeriodLabel).toBeNull();
  });

  it('the year 2015 is its 12 months added; monthly and annual rows are never added together', async () => {
    const out = await json(['--data', MONTHLY, '--year', '2015']);
    expect(out.rows.find((r) => r.code === 'CN')?.valueUsd).toBe(sum('CN', 2015, 1, 12));
  });

  it('year-to-date figures (Census *_YR): a year ending in June is June plus last December less last June', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-ytd-'));
    const file = join(dir, 'census.csv');
    const rows = [
      'CTY_CODE,CTY_NAME,GEN_VAL_YR,I_COMMODITY,YEAR,MONTH',
      '5700,CHINA,500,61,2015,06',
      '5700,CHINA,1200,61,2015,12',
      '5700,CHINA,560,61,2016,06',
      '5800,"KOREA, SOUTH",50,61,2015,06',
      '5800,"KOREA, SOUTH",110,61,2015,12',
      '5800,"KOREA, SOUTH",40,61,2016,06',
    ];
    writeFileSync(file, `${rows.join('\n')}\n`);
    const ye = await json(['--data', file, '--year-ending']);
    expect(ye.rows.map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 560 + 1200 - 500],
      ['KR', 40 + 110 - 50],
    ]);
    const ytd = await json(['--data', file, '--ytd']);
    expect(ytd.rows.find((r) => r.code === 'KR')).toMatchObject({ valueUsd: 40, previousValueUsd: 50 });
  });

  it('--ytd on annual data says it needs months', async () => {
    const r = await run(['share', '--category', 'apparel', '--ytd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ytd needs rows with a month');
  });
});
