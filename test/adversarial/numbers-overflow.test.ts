import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// A value or a sum that cannot be held is a located error (exit 2): never null, Infinity or NaN.
const dir = mkdtempSync(join(tmpdir(), 'korus-overflow-'));
const file = (name: string, rows: string): string => {
  const p = join(dir, name);
  writeFileSync(p, `year,partner,category,value_usd\n${rows}`);
  return p;
};

describe('overflow', () => {
  it('a cell past ~1.8e308 (1e400) is an error at file:line:column', async () => {
    const f = file('e400.csv', '2016,CN,apparel,1\n2016,KR,apparel,1e400\n');
    for (const cmd of [
      ['share', '--category', 'apparel'],
      ['trend', '--category', 'apparel'],
      ['breakdown', '--partner', 'KR'],
    ]) {
      const r = await run([...cmd, '--data', f, '-q']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `${f}:3:4: value "1e400" (5 characters) is too large: past about 1.8e308, the largest number korus-stats holds`,
      );
    }
  });

  it('a million-digit cell is refused with a short message', async () => {
    const f = file('long.csv', `2016,KR,apparel,${'9'.repeat(1_000_000)}\n`);
    const r = await run(['share', '--data', f, '--category', 'apparel', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `:2:4: value "${'9'.repeat(60)}… (999,940 more characters)" (1000000 characters) is too large`,
    );
    expect(r.stderr.length).toBeLessThan(400);
  });

  it("a partner's sum with cents past a double is an error at the row that made it so", async () => {
    const f = file('cents.csv', '2016,KR,apparel,0.5\n2016,KR,apparel,1.7e308\n2016,KR,apparel,1.7e308\n');
    const r = await run(['share', '--data', f, '--category', 'apparel', '--json', '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${f}:4:4: adding value `);
    expect(r.stderr).toContain('takes a sum with cents past about 1.8e308');
  });

  it('a total with cents past a double is an error at its first huge value', async () => {
    const f = file('total.csv', '2016,CN,apparel,1e308\n2016,KR,apparel,1.5e308\n2016,VN,apparel,0.5\n');
    const r = await run(['share', '--data', f, '--category', 'apparel', '--format', 'csv', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${f}:2:4: the total of apparel has cents and is past about 1.8e308, the largest such sum korus-stats holds`,
    );
  });

  it('whole dollars never overflow: ten values of 1.7e308 add up exactly', async () => {
    const f = file(
      'many.csv',
      Array.from({ length: 10 }, (_, i) => `201${i},KR,apparel,1.7e308\n`).join('') +
        '2019,CN,apparel,1.7e308\n',
    );
    const r = await run(['share', '--data', f, '--category', 'apparel', '--year', '2019', '--json', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"valueUsd": 34${'0'.repeat(307)},`);
    expect(r.stdout).not.toMatch(/Infinity|NaN|"share": null/);
  });
});

describe('exponents', () => {
  it('a tiny value with a huge negative exponent is 0, a huge positive one is too large', async () => {
    const f = file('exp.csv', '2016,CN,apparel,1e-99999999999\n2016,KR,apparel,5\n');
    const r = await run(['share', '--data', f, '--category', 'apparel', '--json', '-q']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total.valueUsd).toBe(5);
    const g = file('exp2.csv', '2016,CN,apparel,1e99999999999\n');
    const s = await run(['share', '--data', g, '--category', 'apparel', '-q']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`${g}:2:4: value "1e99999999999" (13 characters) is too large`);
  });
});
