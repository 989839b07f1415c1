import { describe, expect, it } from 'vitest';
import { Distinct, ExactSum, Tally } from '../../src/core/tally.js';

describe('ExactSum', () => {
  it('is exact for whole dollars past 2^53, where plain numbers round', () => {
    const s = new ExactSum();
    const big = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    s.add(big);
    s.add(2);
    s.add(2);
    expect(s.exact()).toBe(2n ** 53n + 3n);
    expect(big + 2 + 2).not.toBe(Number(2n ** 53n + 3n)); // what a plain sum gives
  });

  it('sums many values exactly', () => {
    const s = new ExactSum();
    let expected = 0n;
    for (let i = 0; i < 10_000; i++) {
      const v = 1_000_000_000_000 + i; // 1e12 each: the total passes 2^53 near the end
      s.add(v);
      expected += BigInt(v);
    }
    expect(s.exact()).toBe(expected);
    expect(s.value()).toBe(Number(expected));
  });

  it('adds values with cents as floating point', () => {
    const s = new ExactSum();
    s.add(0.1);
    s.add(0.2);
    expect(s.value()).toBeCloseTo(0.3, 15);
  });
});

describe('Tally and Distinct', () => {
  it('count runs and repeats alike', () => {
    const t = new Tally<string>();
    for (const k of ['a', 'a', 'b', 'a', 'b', 'b', 'b']) t.add(k);
    expect([...t.counts()]).toEqual([
      ['a', 3],
      ['b', 4],
    ]);
    const d = new Distinct<string>();
    for (const k of ['x', 'x', 'y', 'x']) d.add(k);
    expect([...d.values()]).toEqual(['x', 'y']);
  });
});
