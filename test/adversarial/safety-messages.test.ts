import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capText, listText, MESSAGE_CAP } from '../../src/model/caps.js';
import { run } from '../helpers.js';

// Every message (error, hint, warning, note) is capped: lists say "and N more", a huge value is cut with
// how many characters were left out. Inputs are generated here, in a temporary folder.
let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'korus-safety-messages-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The longest line written: a capped message with its "korus-stats: error: " and hint prefixes. */
const longest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
const LINE_MAX = MESSAGE_CAP + 60;

describe('the caps', () => {
  it('capText cuts at the cap and says how much was left out, never inside a surrogate pair', () => {
    expect(capText('abc', 5)).toBe('abc');
    expect(capText('x'.repeat(1_000_000), 10)).toBe('xxxxxxxxxx… (999,990 more characters)');
    expect(capText(`${'x'.repeat(9)}😀tail`, 10)).toBe('xxxxxxxxx… (6 more characters)');
  });

  it('listText shows what fits and counts the rest', () => {
    expect(listText(['a', 'b', 'c'])).toBe('a, b, c');
    const many = Array.from({ length: 100_000 }, (_, i) => `label-${i}`);
    const text = listText(many);
    expect(text.length).toBeLessThan(240);
    expect(text).toMatch(/^label-0, label-1, .* and 99,9\d\d more$/);
    expect(listText(['y'.repeat(10_000)], ', ', 50)).toBe(`${'y'.repeat(50)}… (9,950 more characters)`);
  });
});

describe('messages built from big inputs stay short', () => {
  it('an unknown category among 5,000 labels: the hint lists some and counts the rest', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2020,CN,label-${i},1`);
    const data = file('labels.csv', `year,partner,category,value_usd\n${rows.join('\n')}\n`);
    const r = await run(['share', '--data', data, '--category', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: .*categories: .* and [\d,]+ more\n/);
    expect(longest(r.stderr)).toBeLessThan(LINE_MAX);
  });

  it('a category of 100,000 HS prefixes with no rows: the prefixes are listed short', async () => {
    const hs = Array.from({ length: 100_000 }, (_, i) => String(100000 + i));
    const cats = file(
      'many-prefixes.json',
      JSON.stringify({ categories: [{ name: 'wide', label: 'Wide', hs }] }),
    );
    const data = file('hs.csv', 'year,partner,hs_code,value_usd\n2020,CN,0101,5\n');
    const r = await run(['share', '--data', data, '--categories', cats, '--category', 'wide']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none under 100000, 100001, .* and 99,9\d\d more/);
    expect(longest(r.stderr)).toBeLessThan(LINE_MAX);
  });

  it('a partner absent among 5,000: "partners in the data" is listed short', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2020,Partner ${i},apparel,1`);
    const data = file('partners.csv', `year,partner,category,value_usd\n${rows.join('\n')}\n`);
    const r = await run(['share', '--data', data, '--category', 'apparel', '--partner', 'KR']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/partners in the 2020 data: .* and [\d,]+ more/);
    expect(longest(r.stderr)).toBeLessThan(LINE_MAX);
  });

  it('a million-digit value: the error shows the start of it and how much was left out', async () => {
    const data = file(
      'digits.csv',
      `year,partner,category,value_usd\n2020,CN,apparel,1x${'9'.repeat(1_000_000)}\n`,
    );
    const r = await run(['share', '--data', data, '--category', 'apparel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/more characters\)/);
    expect(longest(r.stderr)).toBeLessThan(LINE_MAX);
  });

  it('a partner name of a megabyte: the warning and the table cell are cut', async () => {
    const name = `Q${'n'.repeat(1_000_000)}`;
    const data = file(
      'long-name.csv',
      `year,partner,category,value_usd\n2020,${name},apparel,1\n2020,CN,apparel,2\n`,
    );
    const r = await run(['share', '--data', data, '--category', 'apparel']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/more characters\)/);
    expect(longest(r.stderr)).toBeLessThan(LINE_MAX);
    expect(longest(r.stdout)).toBeLessThan(LINE_MAX);
    // JSON keeps the name whole: it is data, not a message.
    const json = JSON.parse((await run(['share', '--data', data, '--category', 'apparel', '--json'])).stdout);
    expect(json.rows.some((row: { name: string }) => row.name === name)).toBe(true);
  });

  it('a rules file with 80 problems (two in each of 40 rules): 20 listed, the rest counted', async () => {
    const rules = Array.from({ length: 40 }, (_, i) => ({ name: `r${i}`, type: 'shares' }));
    const path = file('many.checks.json', JSON.stringify({ rules }, null, 1));
    const r = await run(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('80 problems in the rules file:');
    expect(r.stderr).toContain('  ... and 60 more\n');
    expect(r.stderr.split('\n').filter((l) => l.includes('"type" is "shares"'))).toHaveLength(10);
  });
});
