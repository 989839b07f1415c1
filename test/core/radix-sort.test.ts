import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentrationOf } from '../../src/core/concentration.js';
import { ascendingPositive } from '../../src/core/radix-sort.js';

/** What the concentration's sort gave before: the engine's sort, from the first positive value on. */
function bySort(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let first = sorted.length;
  while (first > 0 && (sorted[first - 1] as number) > 0) first--;
  return sorted.subarray(first);
}

const same = (a: Float64Array, b: Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('the radix sort of positive doubles', () => {
  it("gives the engine's sort of the positive values, bit for bit, at every size and kind of value", () => {
    const value = fc.oneof(
      fc.integer({ min: -1000, max: 5_000_000 }),
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, 5e-324, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.POSITIVE_INFINITY, 1, 1),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.integer({ min: 0, max: 9000 }), (some, pad) => {
        // Past the radix threshold too: the drawn values among many others, duplicates included.
        const values = Float64Array.from([
          ...some,
          ...Array.from({ length: pad }, (_, i) => some[i % (some.length || 1)] ?? i),
        ]);
        expect(same(ascendingPositive(values), bySort(values))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves its input as it was, and skips digits all values share', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => 4096 + ((i * 7919) % 10_000));
    const copy = values.slice();
    const sorted = ascendingPositive(values);
    expect(same(values, copy)).toBe(true);
    expect(same(sorted, bySort(values))).toBe(true);
    expect(ascendingPositive(new Float64Array(5000).fill(3)).every((v) => v === 3)).toBe(true);
  });

  it('keeps the HHI of a million partners what the sorted sum gives', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => 1 + ((i * 2654435761) % 5_000_000));
    const total = values.reduce((a, v) => a + v, 0);
    const asc = bySort(values);
    let itemized = 0;
    for (let i = asc.length - 1; i >= 0; i--) itemized += asc[i] as number;
    let hhi = 0;
    for (let i = asc.length - 1; i >= 0; i--) hhi += (((asc[i] as number) / itemized) * 100) ** 2;
    expect(concentrationOf(values.slice(), total).hhi).toBe(hhi);
  });
});
