import { describe, expect, it } from 'vitest';
import type { Partner } from '../../src/catalog/partners.js';
import { SumTable } from '../../src/core/share/sum-table.js';
import { ExactSum } from '../../src/core/tally.js';
import type { Usd } from '../../src/model/usd.js';

// A bucket's partners past the table's Map (32,768 partners): the same answers as a Map, in the same order;
// and its sums, kept in columns, the same as an ExactSum's for every kind of value.

const partner = (code: string): Partner => ({ kind: 'unknown', code, name: code });

describe('the partner table past its Map', () => {
  it('finds every code it holds, none it does not, and keeps the order codes came in', () => {
    const table = new SumTable();
    const map = new Map<string, number>();
    // Codes alike but for one unit, accents, an empty code, and one that is a prefix of another.
    const codes = ['', 'a', 'ab', 'Réunion', 'Reunion', '__proto__'];
    for (let i = 0; i < 200_000; i++) codes.push(`Q${i.toString(36)}`, `Port Q${i} Islands`);
    for (const code of codes) {
      const i = table.itemOf(partner(code));
      table.add(i, 1);
      map.set(code, (map.get(code) ?? 0) + 1);
    }
    expect(table.size).toBe(map.size);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table.values()].map((v) => v.partner.code)).toEqual([...map.keys()]);
    expect([...table.values()].map((v) => v.total())).toEqual([...map.values()]);
    for (const code of codes) expect(table.get(code)?.partner.code).toBe(code);
    for (const absent of ['Q', 'Port Q Islands', 'réunion', 'q0', 'Port Q200000 Islands'])
      expect(table.has(absent)).toBe(false);
  });

  it('gives a code met again its first item, soon after (kept aside) and long after (in the index)', () => {
    const table = new SumTable();
    const first = new Map<string, number>();
    let seed = 3;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // New codes mostly, each row now and then naming one met 1 to 5,000 rows back or anywhere before.
    const seen: string[] = [];
    for (let row = 0; row < 300_000; row++) {
      const r = next(10);
      const code =
        seen.length && r === 0
          ? (seen[Math.max(0, seen.length - 1 - next(5000))] as string)
          : seen.length && r === 1
            ? (seen[next(seen.length)] as string)
            : `Port ${row.toString(36)}${r}`;
      if (!first.has(code)) {
        first.set(code, first.size);
        seen.push(code);
      }
      expect(table.itemOf(partner(code))).toBe(first.get(code));
    }
    expect(table.size).toBe(first.size);
    for (const [code, i] of first) expect(table.find(code)).toBe(i);
    expect(table.find('Port absent')).toBe(-1);
  });

  it('a small table answers from its Map the same way', () => {
    const table = new SumTable();
    for (const code of ['US', 'CN', 'Other Asia, nes']) table.push(partner(code));
    expect(table.get('CN')?.partner.code).toBe('CN');
    expect(table.has('cn')).toBe(false);
    expect([...table.keys()]).toEqual(['US', 'CN', 'Other Asia, nes']);
  });

  it('keeps each item its first key and the last row of it', () => {
    const table = new SumTable();
    const a = table.push(partner('A'));
    const b = table.push(partner('B'));
    expect(table.firstCode(a)).toBe(-1);
    table.setFirstKey(a, 3, 0, 1);
    table.setLast(a, 17, 2, 1.5);
    expect(table.isFirstKey(a, 3, 0, 1)).toBe(true);
    expect(table.isFirstKey(a, 3, 1, 1)).toBe(false);
    expect(table.firstCode(b)).toBe(-1);
    expect([table.lastLine(a), table.lastFile(a), table.lastValue(a)]).toEqual([17, 2, 1.5]);
  });
});

describe("the table's sums", () => {
  // Values of every kind a sum meets: small, with cents, around 2^53, BigInts past it, huge doubles.
  const kinds: Array<() => Usd> = [
    () => 1 + Math.floor(Math.random() * 1000),
    () => Math.round(Math.random() * 1e6) / 100,
    () => 2 ** 53 - 1 - Math.floor(Math.random() * 10),
    () => 2n ** 60n + BigInt(Math.floor(Math.random() * 1000)),
    () => -Math.floor(Math.random() * 2 ** 52),
    () => 1e300,
    () => 0.5,
  ];

  it('equal an ExactSum of the same values, and overflow where it does', () => {
    for (let run = 0; run < 300; run++) {
      const table = new SumTable();
      const items = [0, 1, 2].map((k) => table.push(partner(`P${k}`)));
      const exact = items.map(() => new ExactSum());
      for (let step = 0; step < 12; step++) {
        const k = Math.floor(Math.random() * items.length);
        const v = (kinds[Math.floor(Math.random() * kinds.length)] as () => Usd)();
        const want = (exact[k] as ExactSum).add(v);
        expect(table.add(items[k] as number, v)).toBe(want);
        if (!want) break;
      }
      expect([...table.totals()]).toEqual(exact.map((e) => e.total()));
      const all = new ExactSum();
      for (const e of exact) all.add(e.total());
      expect(table.sumAll()).toEqual(all.total());
    }
  });
});
