// The exact tables under validate's consistency checks: tuple ids stay exact as the table grows, and the
// group and month sums give the doubles a Map summed in insertion order gives.
import { describe, expect, it } from 'vitest';
import { ExactKeys } from '../../src/core/exact-keys.js';
import { GroupSums, MonthSums } from '../../src/core/group-sums.js';
import { TupleIds } from '../../src/core/tuple-ids.js';

describe('validate: exact tuple ids', () => {
  it('gives each distinct tuple its own id, and the same id again after the table grows', () => {
    const t = new TupleIds(16);
    const ids = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const tuple = [i % 7, i, -i, i % 2 ? 0 : 0x7fffffff] as const;
      const id = t.idOf(...tuple);
      expect(ids.has(String(id))).toBe(false);
      ids.set(String(id), i);
    }
    expect(t.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997)
      expect(ids.get(String(t.find(i % 7, i, -i, i % 2 ? 0 : 0x7fffffff)))).toBe(i);
    expect(t.find(1, 2, 3, 4)).toBe(0);
  });

  it('keys differing only in their period, or in the source or basis, stay apart', () => {
    const k = new ExactKeys(16);
    const seen = (year: number, month: number, source: string, basis: string) => {
      const slot = k.find(year, month, 'US', 'imports', source, basis, 'CN', '610910');
      if (slot === -1) k.add(1, 0);
      return slot !== -1;
    };
    expect(seen(2016, 0, '', '')).toBe(false);
    expect(seen(2016, 1, '', '')).toBe(false);
    expect(seen(2016.5, 0, '', '')).toBe(false);
    expect(seen(2016 + 64, 0, '', '')).toBe(false); // the same place in the recent-period table
    expect(seen(2016, 0, 'x', '')).toBe(false);
    expect(seen(2016, 0, '', 'x')).toBe(false);
    expect(seen(2016, 0, '', '')).toBe(true);
    expect(seen(2016.5, 0, '', '')).toBe(true);
    expect(seen(2080, 0, '', '')).toBe(true);
    expect(seen(Number.NaN, 0, '', '')).toBe(false);
    expect(seen(Number.NaN, 0, '', '')).toBe(true);
  });
});

describe('validate: group and month sums', () => {
  it('a group has no sum until a row of its kind, then the sum begun with its first value', () => {
    const s = new GroupSums();
    const g = s.group(0, 1, 1, 1);
    expect(s.group(0, 1, 1, 1)).toBe(g);
    expect(s.group(1, 1, 1, 1)).not.toBe(g);
    expect(s.parts(g)).toBeUndefined();
    s.add(g, false, -0);
    expect(Object.is(s.parts(g), -0)).toBe(true);
    s.add(g, false, 0.1);
    s.add(g, false, 0.2);
    expect(s.parts(g)).toBe(-0 + 0.1 + 0.2);
    expect(s.remainder(g)).toBeUndefined();
    s.add(g, true, 5);
    expect(s.remainder(g)).toBe(5);
  });

  it('months sum as a Map of them would, in the order first met', () => {
    const sums = new MonthSums();
    const map = new Map<number, number>();
    const values = [1e16, 3, 1, -1e16, 0.1, 7, 0.2, 2.5];
    const months = [5, 12, 5, 1, 12, 3, 1, 5];
    months.forEach((m, i) => {
      const v = values[i] as number;
      sums.add(m, v);
      map.set(m, (map.get(m) ?? 0) + v);
    });
    let expected = 0;
    for (const v of map.values()) expected += v;
    expect(sums.size).toBe(map.size);
    expect(sums.total()).toBe(expected);
  });
});
