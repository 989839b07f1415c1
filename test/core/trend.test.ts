import { describe, expect, it } from 'vitest';
import { directionOf, growthRate, SHARE_FLAT_PP } from '../../src/core/trend/index.js';
import { sparkline } from '../../src/output/format.js';
import { cagrText, ppText, verdictOf } from '../../src/output/trend-words.js';

const share = (changes: Array<number | null>, net: number | null) => directionOf(changes, net, SHARE_FLAT_PP);

describe('the verdict rule', () => {
  it.each([
    // changes (pp), net (pp), direction, up, down, flat
    [[-0.2, -0.57, -0.17, -1.05], -1.99, 'falling', 0, 4, 0],
    [[0.5, 0.4, -0.1, 0.3], 1.1, 'rising', 3, 1, 0],
    [[0.5, -0.5, 0.5, -0.5], 0, 'flat', 2, 2, 0],
    [[0.01, -0.02, 0.04], 0.03, 'flat', 0, 0, 3],
    // More than half up, but the range as a whole fell: not "rising".
    [[0.1, 0.1, 0.1, -2], -1.7, 'mixed', 3, 1, 0],
    [[1, -1, 1, -1], 0.5, 'mixed', 2, 2, 0],
    // Gaps are not counted.
    [[null, -0.3, null], -0.3, 'falling', 0, 1, 0],
    [[null, null], null, 'too-few-years', 0, 0, 0],
    [[], 0.2, 'too-few-years', 0, 0, 0],
  ] as const)('%j, net %s: %s', (changes, net, direction, up, down, flat) => {
    expect(share([...changes], net)).toEqual({ direction, up, down, flat, net });
  });

  it('a change exactly at the tolerance is flat', () => {
    expect(share([SHARE_FLAT_PP, -SHARE_FLAT_PP], 0)).toMatchObject({ flat: 2, up: 0, down: 0 });
  });

  it('says it in words, and names the value when it moves the other way', () => {
    const falling = share([-0.2, -0.5, -0.1, -1], -1.8);
    expect(verdictOf(falling, directionOf([0.03, 0.02, 0.04, -0.07], 0.004, 0.005))).toBe(
      'share falling: 4 of 4 years down',
    );
    expect(verdictOf(falling, directionOf([0.05, 0.07, 0.07], 0.2, 0.005))).toBe(
      'value rising, share falling: 4 of 4 years down',
    );
    expect(verdictOf(share([0.01, 0.02], 0.03), directionOf([0.1, 0.1], 0.21, 0.005))).toBe(
      'value rising, share flat: +0.03 pp (0 up, 0 down, 2 flat)',
    );
    expect(verdictOf(share([1], 1), directionOf([0.1], 0.1, 0.005), [2015, 2016])).toBe(
      'share rising: 1 of 1 year up',
    );
    expect(verdictOf(share([], null), directionOf([], null, 0.005))).toBe('share: too few years to tell');
  });
});

describe('growth and formatting', () => {
  it('CAGR between the first and last years', () => {
    expect(growthRate(45061, 45221, 4)).toBeCloseTo((45221 / 45061) ** 0.25 - 1, 15);
    expect(growthRate(100, 121, 2)).toBeCloseTo(0.1, 12);
    expect(growthRate(0, 5, 2)).toBeNull();
    expect(growthRate(5, 6, 0)).toBeNull();
    expect(growthRate(null, 6, 1)).toBeNull();
    expect(cagrText(0.000886)).toBe('+0.09%/yr');
    expect(cagrText(null)).toBe('–');
    expect(ppText(-1.989)).toBe('-1.99 pp');
  });

  it('sparklines scale from the minimum to the maximum, gaps as spaces', () => {
    expect(sparkline([45061, 46467, 47220, 48892, 45221])).toBe('▁▄▅█▁');
    expect(sparkline([1, null, 3])).toBe('▁ █');
    expect(sparkline([1, 2, 3], true)).toMatch(/^_.#$/);
  });
});
