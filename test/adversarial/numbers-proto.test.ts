import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Counters and lookups keyed by data or flag text: Object.prototype's names are ordinary keys.
const dir = mkdtempSync(join(tmpdir(), 'korus-proto-'));
const data = join(dir, 'proto.csv');
writeFileSync(
  data,
  'year,partner,category,value_usd\n' +
    '2016,CN,apparel,__proto__\n2016,KR,apparel,constructor\n2016,VN,apparel,5\n' +
    '2016,constructor,apparel,8\n2016,toString,apparel,9\n2016,hasOwnProperty,apparel,10\n' +
    '2015,VN,apparel,5\n2016,VN,__proto__,3\n2016,VN,constructor,4\n2016,VN,toString,6\n',
);
const missing = ['--missing', '__proto__,constructor'];

describe('__proto__, constructor and toString as data', () => {
  it('share: markers counted, partner names kept', async () => {
    const r = await run(['share', '--data', data, '--category', 'apparel', ...missing, '--json', '-q']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.input.rowsMissing).toBe(2);
    expect(Object.entries(out.input.missingByMarker)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    expect(out.rows.map((x: { name: string; valueUsd: number }) => [x.name, x.valueUsd])).toEqual([
      ['hasOwnProperty', 10],
      ['toString', 9],
      ['constructor', 8],
      ['Vietnam', 5],
    ]);
    const table = await run(['share', '--data', data, '--category', 'apparel', ...missing, '-q']);
    expect(table.stdout).toContain('2 missing (__proto__ 1, constructor 1)');
  });

  it('trend: markers summed over the years as numbers', async () => {
    const r = await run(['trend', '--data', data, '--category', 'apparel', ...missing, '--json', '-q']);
    expect(r.code).toBe(0);
    expect(Object.entries(JSON.parse(r.stdout).input.missingByMarker)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
  });

  it('share and breakdown: categories named __proto__, constructor, toString', async () => {
    for (const [category, total] of [
      ['__proto__', 3],
      ['constructor', 4],
      ['toString', 6],
    ] as const) {
      const r = await run(['share', '--data', data, '--category', category, ...missing, '--json', '-q']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).total.valueUsd).toBe(total);
    }
    const b = await run([
      'breakdown',
      '--data',
      data,
      '--partner',
      'VN',
      '--year',
      '2016',
      ...missing,
      '--json',
      '-q',
    ]);
    expect(b.code).toBe(0);
    expect(
      JSON.parse(b.stdout)
        .categories.map((c: { valueUsd: number }) => c.valueUsd)
        .sort(),
    ).toEqual([3, 4, 5, 6]);
  });

  it('validate: markers and unknown names counted', async () => {
    const r = await run(['validate', '--data', data, ...missing, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.counts).toEqual({ suppressed: 2, 'unknown-partner': 3, 'unknown-category': 3 });
  });

  it('check: rules named and about __proto__, constructor, toString', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        rules: [
          { name: '__proto__', type: 'total', category: 'constructor', year: 2016, min: 4, max: 4 },
          {
            name: 'constructor',
            type: 'share',
            category: 'apparel',
            year: 2016,
            partner: 'toString',
            min: 0.28,
          },
          { name: 'toString', type: 'rows', category: '__proto__', year: 2016, min: 1, max: 1 },
        ],
      }),
    );
    const r = await run(['check', rules, '--data', data, ...missing, '--json', '-q']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { name: string; status: string }) => [x.name, x.status])).toEqual([
      ['__proto__', 'pass'],
      ['constructor', 'pass'],
      ['toString', 'pass'],
    ]);
  });
});
