import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Tables fit the terminal: a table wider than the terminal is folded into blocks of columns (the key
// columns in each), the footer wrapped at spaces; a pipe or a file gets the full layout.

const TREND = ['trend', '--category', 'textiles-and-apparel', '--partner', 'CN', '--no-color', '--quiet'];
const SHARE = ['share', '--category', 'textiles-and-apparel', '--year', '2016', '--no-color', '--quiet'];
const widest = (text: string) =>
  Math.max(
    ...text
      .trimEnd()
      .split('\n')
      .map((l) => [...l].length),
  );
const grids = (text: string) => text.split('\n').filter((l) => l.startsWith('┌')).length;

describe('tables at the terminal width', () => {
  it('trend at 80 columns: every line fits, every figure is still there, the footer wrapped at spaces', async () => {
    const wide = await run(TREND);
    const narrow = await run(TREND, { tty: true, columns: 80 });
    expect(narrow.code).toBe(0);
    expect(widest(wide.stdout)).toBeGreaterThan(80);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(80);
    expect(grids(narrow.stdout)).toBeGreaterThan(1);
    // The same cells: every figure of the full table is in the folded one.
    const cells = (t: string) =>
      new Set(
        t
          .split('\n')
          .filter((l) => l.startsWith('│'))
          .flatMap((l) => l.split('│').map((c) => c.trim()))
          .filter(Boolean),
      );
    expect([...cells(wide.stdout)].filter((c) => !cells(narrow.stdout).has(c))).toEqual([]);
    // Each block is led by the partner and measure columns.
    for (const head of narrow.stdout.split('\n').filter((l) => l.includes('Partner')))
      expect(head).toMatch(/^│ Partner\s+│\s+│/);
    // A footer line is broken at a space, its continuation under the text.
    expect(narrow.stdout).toMatch(/\nVerdict {3}a year-on-year share change[^\n]*\n {10}\S/);
  });

  it('at 200 columns, and in a pipe whatever COLUMNS says, the full layout', async () => {
    const wide = await run(TREND);
    const at200 = await run(TREND, { tty: true, columns: 200 });
    expect(grids(at200.stdout)).toBe(1);
    expect(at200.stdout.split('\n').filter((l) => l.startsWith('│'))).toEqual(
      wide.stdout.split('\n').filter((l) => l.startsWith('│')),
    );
    const piped = await run(TREND, { env: { COLUMNS: '80' } });
    expect(piped.stdout).toBe(wide.stdout);
    // A terminal that does not say its width: COLUMNS.
    const fromEnv = await run(TREND, { tty: true, env: { COLUMNS: '80', NO_COLOR: '1' } });
    expect(widest(fromEnv.stdout)).toBeLessThanOrEqual(80);
  });

  it('a table that fits is drawn as it is', async () => {
    const r = await run(SHARE, { tty: true, columns: 120 });
    expect(grids(r.stdout)).toBe(1);
    expect(
      widest(
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('│'))
          .join('\n'),
      ),
    ).toBeLessThanOrEqual(120);
  });
});
