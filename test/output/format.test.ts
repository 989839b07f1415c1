import { describe, expect, it } from 'vitest';
import { count, counted, humanUsd, millionsUsd } from '../../src/output/format.js';

describe('one number formatter', () => {
  it('money in the unit a reader expects: tn above bn, bn above m', () => {
    expect(humanUsd(251e6)).toBe('US$251m');
    expect(humanUsd(80_713_830_000)).toBe('US$80.71bn');
    expect(humanUsd(999_990_000_000)).toBe('US$999.99bn');
    expect(humanUsd(1_426_810_000_000)).toBe('US$1.43tn');
    expect(humanUsd(-2_250_000_000_000)).toBe('-US$2.25tn');
    // Past 2^53 every digit, never a rounded unit.
    expect(humanUsd(9_007_199_254_740_993n)).toBe('US$9,007,199,254,740,993');
    expect(millionsUsd(1_426_810_000_000)).toBe('1,426,810');
  });

  it('counts with thousands separators, and the noun singular for one', () => {
    expect(count(5_000_000)).toBe('5,000,000');
    expect(counted(1, 'row')).toBe('1 row');
    expect(counted(0, 'row')).toBe('0 rows');
    expect(counted(3_075_748, 'row')).toBe('3,075,748 rows');
    expect(counted(2, 'category', 'categories')).toBe('2 categories');
  });
});
