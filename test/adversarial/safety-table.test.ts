import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridLines } from '../../src/output/text-table.js';
import { run } from '../helpers.js';

// cli-table3 is quadratic in the rows (8,000 rows: 7 s); tables past 500 rows are drawn by gridLines,
// which must draw exactly what cli-table3 draws.
const cliTable3 = (aligns: Array<'left' | 'right'>, head: string[], rows: string[][]) => {
  const t = new Table({ head, colAligns: aligns, style: { head: [], border: [], compact: true } });
  t.push(...rows);
  return t.toString();
};

const c = new Chalk({ level: 3 });
const word = fc.oneof(
  fc.constantFrom('', ' ', 'US$1.2m', '–', '▶ Korea (KR)', '中国', '한국어', 'Côte d’Ivoire', '█▉▏', '12.5%'),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: hostile text is the point
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')),
);
const cell = fc.oneof(
  word,
  word.map((s) => c.bold.cyan(s)),
  word.map((s) => c.dim(s)),
  fc.tuple(word, word).map(([a, b]) => `${a}\n${b}`),
  fc.tuple(word, word).map(([a, b]) => c.dim(`${a}\n${b}`)),
);

describe('the linear-time grid draws what cli-table3 draws', () => {
  it('for any table: widths, alignment, colour, wide characters, multi-line and empty cells', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.constantFrom<'left' | 'right'>('left', 'right'), { minLength: n, maxLength: n }),
            fc.array(
              word.map((s) => c.bold(s)),
              { minLength: n, maxLength: n },
            ),
            fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 8 }),
          ),
        ),
        ([aligns, head, rows]) => {
          expect(gridLines(aligns, head, rows)).toBe(cliTable3(aligns, head, rows));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a table of thousands of rows', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'korus-safety-table-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('share --top 3000: every row drawn, in the same frame as a small table', async () => {
    const n = 3000;
    const rows = Array.from({ length: n }, (_, i) => `2016,Partner ${i},apparel,${1000 + i}`);
    const data = join(dir, 'big.csv');
    writeFileSync(data, `year,partner,category,value_usd\n${rows.join('\n')}\n`);
    const r = await run(['share', '--data', data, '--category', 'apparel', '--top', String(n)]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const body = lines.filter((l) => l.startsWith('│'));
    // The head, every partner and the total.
    expect(body).toHaveLength(n + 2);
    expect(new Set(body.map((l) => l.length)).size).toBe(1);
    expect(lines[1]).toMatch(/^┌─+┬/);
    expect(lines[3]).toMatch(/^├─+┼/);
    // No World row: the ranks are of the 3,000 listed partners, and the head says so.
    expect(body[0]).toMatch(/^│ Rank \(of 3000 listed\) │ Partner +│/);
    expect(body[1]).toMatch(/^│ +1 │ Partner 2999 +│/);
    expect(lines.find((l) => l.startsWith('└'))).toMatch(/^└─+┴.*┘$/);
    expect(r.stdout).toContain('Rows           3,000 read = 3,000 used');
  });
});
