import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Whole-dollar values past 2^53 are read, summed and written exactly; JSON carries bare integer literals.
const dir = mkdtempSync(join(tmpdir(), 'korus-numbers-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEAD = 'year,partner,category,value_usd\n';
const big = file(
  'big.csv',
  `${HEAD}2015,CN,apparel,9007199254740993\n2015,KR,apparel,2\n2016,CN,apparel,9007199254740993\n2016,CN,apparel,9007199254740993\n2016,KR,apparel,123456789012345678901234567890\n2016,VN,apparel,5\n2016,KR,footwear,123456789012345678901234567890\n`,
);
// The raw text of every "key": number in a JSON document, so no double rounds it.
const numbers = (json: string, key: string): string[] =>
  [...json.matchAll(new RegExp(`"${key}": (-?\\d[\\d.e+-]*)`, 'g'))].map((m) => m[1] as string);

describe('exact sums past 2^53', () => {
  it('share: JSON, CSV and the table carry every digit', async () => {
    const json = await run([
      'share',
      '--data',
      big,
      '--category',
      'apparel',
      '--year',
      '2016',
      '--json',
      '-q',
    ]);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    // KR + 2 x CN + VN, as SQL's SUM() over decimals gives it.
    const total = (123456789012345678901234567890n + 2n * 9007199254740993n + 5n).toString();
    expect(numbers(json.stdout, 'valueUsd')).toEqual([
      total,
      '123456789012345678901234567890',
      '18014398509481986',
      '5',
    ]);
    expect(numbers(json.stdout, 'itemizedUsd')).toEqual([total]);
    const csv = await run([
      'share',
      '--data',
      big,
      '--category',
      'apparel',
      '--year',
      '2016',
      '--format',
      'csv',
      '-q',
    ]);
    expect(csv.stdout).toContain(',KR,South Korea,123456789012345678901234567890,');
    expect(csv.stdout).toContain(',CN,China,18014398509481986,');
    const table = await run(['share', '--data', big, '--category', 'apparel', '--year', '2016', '-q']);
    expect(table.stdout).toContain('US$123,456,789,012,345,678,901,234,567,890');
    expect(table.stdout).toContain('US$18,014,398,509,481,986');
    expect(table.stdout).toContain(`US$${BigInt(total).toLocaleString('en-US')}`);
  });

  it('share: a change between exact figures is exact, its fraction a double', async () => {
    const r = await run(['share', '--data', big, '--category', 'apparel', '--year', '2016', '--json', '-q']);
    expect(numbers(r.stdout, 'changeUsd')).toContain('123456789012345678901234567888');
    expect(numbers(r.stdout, 'previousValueUsd')).toContain('9007199254740993');
  });

  it('trend: every point exact in JSON and CSV', async () => {
    const json = await run(['trend', '--data', big, '--category', 'apparel', '--json', '-q']);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(numbers(json.stdout, 'valueUsd')).toEqual(
      expect.arrayContaining(['9007199254740993', '18014398509481986', '123456789012345678901234567890']),
    );
    const csv = await run(['trend', '--data', big, '--category', 'apparel', '--format', 'csv', '-q']);
    expect(csv.stdout).toContain('partner,CN,China,2016,18014398509481986,');
    expect(csv.stdout).toContain('total,,Total,2015,9007199254740995,');
  });

  it('breakdown: category values and the partner total exact', async () => {
    const json = await run(['breakdown', '--data', big, '--partner', 'KR', '--year', '2016', '--json', '-q']);
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(numbers(json.stdout, 'valueUsd')[0]).toBe((2n * 123456789012345678901234567890n).toString());
    const csv = await run([
      'breakdown',
      '--data',
      big,
      '--partner',
      'KR',
      '--year',
      '2016',
      '--format',
      'csv',
      '-q',
    ]);
    expect(csv.stdout).toContain(
      'KR,2016,footwear,category-column,64,,123456789012345678901234567890,0.5,1,',
    );
    const table = await run(['breakdown', '--data', big, '--partner', 'KR', '--year', '2016', '-q']);
    expect(table.stdout).toContain('US$246,913,578,024,691,357,802,469,135,780');
  });

  it('check: a total rule measures the exact sum', async () => {
    const rules = file(
      'rules.json',
      JSON.stringify({
        rules: [{ name: 'big', type: 'total', category: 'apparel', year: 2016, min: 1 }],
      }),
    );
    const r = await run(['check', rules, '--data', big, '--json', '-q']);
    expect(r.code).toBe(0);
    expect(numbers(r.stdout, 'measured')).toEqual([
      (123456789012345678901234567890n + 2n * 9007199254740993n + 5n).toString(),
    ]);
  });

  it('1e308 + 1e308 is held exactly: a total of 2 x 10^308, shares of one half', async () => {
    const f = file('e308.csv', `${HEAD}2016,CN,apparel,1e308\n2016,KR,apparel,1e308\n`);
    const r = await run(['share', '--data', f, '--category', 'apparel', '--json', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/"(valueUsd|itemizedUsd|share)": null/);
    expect(numbers(r.stdout, 'valueUsd')).toEqual([
      `2${'0'.repeat(308)}`,
      `1${'0'.repeat(308)}`,
      `1${'0'.repeat(308)}`,
    ]);
    expect(JSON.parse(r.stdout).rows.map((x: { share: number }) => x.share)).toEqual([0.5, 0.5]);
  });

  it('a value with cents keeps double arithmetic (exactness ends there, as documented)', async () => {
    const f = file('cents.csv', `${HEAD}2016,CN,apparel,0.1\n2016,KR,apparel,0.2\n`);
    const r = await run(['share', '--data', f, '--category', 'apparel', '--json', '-q']);
    expect(JSON.parse(r.stdout).total.valueUsd).toBe(0.1 + 0.2);
  });
});
