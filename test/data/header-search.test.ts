import { describe, expect, it } from 'vitest';
import { HeaderSearch } from '../../src/data/header-search.js';
import { DEFAULT_MISSING_MARKERS } from '../../src/data/numbers.js';
import type { ReadOptions } from '../../src/data/read-options.js';
import { InputError } from '../../src/errors.js';

const OPTIONS: ReadOptions = {
  dialect: { delimiter: ',', encoding: 'utf8' },
  numbers: { decimal: '.' },
  missing: DEFAULT_MISSING_MARKERS,
};
const HEADER = ['year', 'partner', 'category', 'value_usd'];

/** Offers each line's cells in turn; the header found, or the error thrown. */
function search(lines: string[][], options: Partial<ReadOptions> = {}) {
  const s = new HeaderSearch('f.csv', { ...OPTIONS, ...options }, undefined, undefined);
  for (const [i, fields] of lines.entries()) {
    try {
      const found = s.offer(fields, i + 1);
      if (found) return { search: s, found };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { search: s, error: err };
    }
  }
  return { search: s, error: s.failure() };
}

describe('HeaderSearch', () => {
  it('takes the first line as the header of a canonical file', () => {
    const { found } = search([HEADER, ['2016', 'CN', 'apparel', '5']]);
    expect(found).toMatchObject({ line: 1, titleLines: [], skippedLines: [] });
    expect(found?.plan.index).toMatchObject({ year: 0, partner: 1, category: 2, value: 3 });
  });

  it('looks past title lines, refusing them unless they are let through (as validate does)', () => {
    const lines = [['US imports by partner'], HEADER];
    expect(search(lines).error).toMatchObject({ code: 'title-row', location: { line: 1 } });
    const { found, search: s } = search(lines, { titleLinesOk: true });
    expect(found).toMatchObject({ line: 2, titleLines: [1], skippedLines: [1] });
    // Every line offered past --skip-lines, the header's too: where validate looks when no header is found.
    expect(s.offered.map((e) => e.line)).toEqual([1, 2]);
  });

  it('passes over --skip-lines without offering them', () => {
    const { found, search: s } = search([['a title'], HEADER], { skipLines: 1 });
    expect(found).toMatchObject({ line: 2, titleLines: [], skippedLines: [1] });
    expect(s.offered.map((e) => e.line)).toEqual([2]);
  });

  it('reads R write.csv row names as no column', () => {
    const { found } = search([['', ...HEADER]]);
    expect(found?.plan.rowNames).toBe(true);
    expect(found?.plan.index.year).toBe(1);
  });

  it('says why when the input ends before a header', () => {
    expect(search([]).error).toMatchObject({ code: 'empty-file' });
    expect(search([['a title'], ['another']]).error).toMatchObject({
      code: 'missing-column',
      location: { line: 1 },
    });
  });
});
