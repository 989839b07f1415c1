import { describe, expect, it } from 'vitest';
import { compareUsd, minus, plus, ratio, usd } from '../../src/model/usd.js';

describe('Usd arithmetic', () => {
  it('keeps one form: a BigInt only past 2^53', () => {
    expect(usd(5n)).toBe(5);
    expect(plus(2 ** 53 - 1, 1)).toBe(2n ** 53n);
    expect(minus(2n ** 53n, 1)).toBe(2 ** 53 - 1);
    // With cents, a double: exactness ends.
    expect(plus(9007199254740993n, 0.5)).toBe(9007199254740992);
  });

  it('divides exact figures past a double', () => {
    const e308 = 10n ** 308n;
    expect(ratio(e308, 2n * e308)).toBe(0.5);
    expect(ratio(5, 10n ** 400n)).toBe(0);
    expect(ratio(10n ** 320n, 10n ** 318n)).toBeCloseTo(100, 10);
    expect(ratio(10n ** 300n, 3)).toBeCloseTo(1e300 / 3, -290);
    expect(compareUsd(10n ** 300n, 1)).toBeGreaterThan(0);
  });
});
