import { describe, expect, it } from 'vitest';
import { noteKey } from '../../src/model/note-key.js';
import type { Note } from '../../src/model/notes.js';

describe('noteKey', () => {
  const gap: Note = {
    level: 'info',
    code: 'gap-years',
    facts: { category: 'apparel', flow: 'imports', years: [2013] },
    count: 1,
  };

  it('is the same for the same code, facts and scope, whatever the count or level', () => {
    expect(noteKey({ ...gap, count: 2, level: 'warning' })).toBe(noteKey(gap));
  });

  it('tells notes apart by facts, scope and code', () => {
    expect(noteKey({ ...gap, facts: { ...gap.facts, years: [2014] } } as Note)).not.toBe(noteKey(gap));
    expect(noteKey({ ...gap, scope: 'apparel' })).not.toBe(noteKey(gap));
    const years: Note = { level: 'warning', code: 'year-skipped', facts: { year: 2013, reason: 'no rows' } };
    expect(noteKey({ ...years, code: 'no-comparable-period' } as unknown as Note)).not.toBe(noteKey(years));
    expect(noteKey({ ...years, facts: { ...years.facts } })).toBe(noteKey(years));
  });
});
