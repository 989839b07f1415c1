import { describe, expect, it } from 'vitest';
import type { Partner } from '../../src/catalog/partners.js';
import { SumTable } from '../../src/core/share/sum-table.js';

// A bucket's partners past the table's Map (32,768 partners): the same answers as a Map, in the same order.

const item = (code: string): { partner: Partner; n: number } => ({
  partner: { kind: 'unknown', code, name: code },
  n: code.length,
});

describe('the partner table past its Map', () => {
  it('finds every code it holds, none it does not, and keeps the order codes came in', () => {
    const table = new SumTable<{ partner: Partner; n: number }>();
    const map = new Map<string, { partner: Partner; n: number }>();
    // Codes alike but for one unit, accents, an empty code, and one that is a prefix of another.
    const codes = ['', 'a', 'ab', 'Réunion', 'Reunion', '__proto__'];
    for (let i = 0; i < 200_000; i++) codes.push(`Q${i.toString(36)}`, `Port Q${i} Islands`);
    for (const code of codes) {
      if (table.get(code) === undefined) table.add(item(code));
      if (!map.has(code)) map.set(code, item(code));
    }
    expect(table.size).toBe(map.size);
    expect([...table.keys()]).toEqual([...map.keys()]);
    expect([...table.values()].map((v) => v.partner.code)).toEqual([...map.keys()]);
    for (const code of codes) expect(table.get(code)?.partner.code).toBe(code);
    for (const absent of ['Q', 'Port Q Islands', 'réunion', 'q0', 'Port Q200000 Islands'])
      expect(table.has(absent)).toBe(false);
  });

  it('a small table answers from its Map the same way', () => {
    const table = new SumTable<{ partner: Partner; n: number }>();
    for (const code of ['US', 'CN', 'Other Asia, nes']) table.add(item(code));
    expect(table.get('CN')?.partner.code).toBe('CN');
    expect(table.has('cn')).toBe(false);
    expect([...table.keys()]).toEqual(['US', 'CN', 'Other Asia, nes']);
  });
});
