import { describe, expect, it } from 'vitest';
import { SumTable } from '../../src/core/share/sum-table.js';
import { TextArena } from '../../src/core/text-arena.js';

// Partner codes kept as text in an arena, not as strings: every text comes back as it went in (NUL, the
// top of Latin-1, a text longer than one call can make), wider text is refused, and the table finds each.

describe('the text arena', () => {
  it('gives back every text it keeps, and tells it from texts that differ by one unit', () => {
    const arena = new TextArena();
    const texts = ['', 'a', 'Réunion', '\u0000x', '\u00ff\u0080', 'é'.repeat(10_000)];
    for (let i = 0; i < 5000; i++) texts.push(`Port ${i.toString(36)} Islands`);
    const kept = texts.map((t) => [arena.add(t), t.length] as const);
    // Units past one byte are not taken (the caller keeps such a string as it is).
    for (const wide of ['\ud83c\uddf0\ud83c\uddf7', '\ud800', 'Ā', 'a\u0100', '서울'])
      expect(arena.add(wide)).toBe(-1);
    kept.forEach(([off, len], i) => {
      const t = texts[i] as string;
      expect(arena.text(off, len)).toBe(t);
      expect(arena.equals(off, len, t)).toBe(true);
      expect(arena.equals(off, len, `${t}x`)).toBe(false);
      if (t.length) expect(arena.equals(off, len, `${t.slice(0, -1)}\u0001`)).toBe(false);
    });
  });

  it('backs a table that finds made-up places by code, keeps countries as they are, and names both', () => {
    const table = new SumTable();
    const kr = { kind: 'country', code: 'KR', name: 'South Korea' } as const;
    table.push(kr);
    for (let i = 0; i < 100_000; i++) {
      const code = `Isla ${i} Grande`;
      table.add(table.itemOf({ kind: 'unknown', code, name: code }), i);
    }
    expect(table.size).toBe(100_001);
    expect(table.partner(0)).toBe(kr);
    expect(table.find('Isla 99999 Grande')).toBe(100_000);
    expect(table.partner(100_000)).toEqual({
      kind: 'unknown',
      code: 'Isla 99999 Grande',
      name: 'Isla 99999 Grande',
    });
    expect(table.kindAt(5)).toBe('unknown');
    expect(table.total(table.find('Isla 7 Grande'))).toBe(7);
    expect(table.find('Isla 100000 Grande')).toBe(-1);
    // Names with units past one byte are kept as given, and found the same way.
    const seoul = { kind: 'unknown', code: '서울 특별시', name: '서울 특별시' } as const;
    const at = table.itemOf(seoul);
    expect(table.partner(at)).toBe(seoul);
    expect(table.find('서울 특별시')).toBe(at);
  });
});
