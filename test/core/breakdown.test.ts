import { describe, expect, it } from 'vitest';
import { hsOverlap, hsWithin, partnerLabel } from '../../src/core/breakdown/index.js';
import { absentText } from '../../src/output/notes/breakdown.js';

describe('category overlap by HS prefixes', () => {
  const TA = ['50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '63'];

  it('a set lies within another when each of its prefixes starts with one of the other', () => {
    expect(hsWithin(['61', '62'], TA)).toBe(true);
    expect(hsWithin(['6109'], ['61'])).toBe(true);
    expect(hsWithin(TA, ['61', '62'])).toBe(false);
    expect(hsWithin(['61', '62'], ['62', '61'])).toBe(true);
    expect(hsWithin(['64'], TA)).toBe(false);
    // Codes are strings: 0101 is not under 01 by accident of numbers, and 101 is not under 01.
    expect(hsWithin(['0101'], ['01'])).toBe(true);
    expect(hsWithin(['101'], ['01'])).toBe(false);
  });

  it('no definition is within nothing, and nothing is within it', () => {
    expect(hsWithin([], TA)).toBe(false);
    expect(hsWithin(['61'], [])).toBe(false);
    expect(hsOverlap([], TA)).toBe(false);
  });

  it('two sets overlap when a prefix of one starts with a prefix of the other', () => {
    expect(hsOverlap(['61', '72'], TA)).toBe(true);
    expect(hsOverlap(['61', '72'], ['72', '73'])).toBe(true);
    expect(hsOverlap(['6109'], ['61'])).toBe(true);
    expect(hsOverlap(['64'], ['72', '73'])).toBe(false);
    expect(hsOverlap(['4202'], ['42'])).toBe(true);
  });
});

describe('absent categories in words', () => {
  it('names the years the partner has elsewhere, then the rest by reason', () => {
    const cn = { kind: 'country' as const, code: 'CN', name: 'China' };
    expect(
      absentText(
        [
          { name: 'steel', reason: 'no-data', partnerYears: [] },
          { name: 'apparel', reason: 'partner-absent', partnerYears: [2014, 2017] },
          { name: 'autos', reason: 'no-data', partnerYears: [] },
          { name: 'footwear', reason: 'value-missing', partnerYears: [2012, 2013] },
          { name: 'textiles', reason: 'partner-absent', partnerYears: [] },
        ],
        cn,
      ),
    ).toBe(
      "apparel (China has figures for 2014, 2017); footwear (China's value is missing; figures for 2012-2013); autos, steel (no rows in the data); textiles (no row for the partner that year)",
    );
    expect(partnerLabel(cn)).toBe('China (CN)');
    expect(partnerLabel({ kind: 'unknown', code: 'Narnia', name: 'Narnia' })).toBe('"Narnia"');
  });
});
