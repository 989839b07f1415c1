import { noteKey } from '../../model/note-key.js';
import type { Note } from '../../model/notes.js';
import { partOfYear, type ShareResult } from '../share/index.js';
import type { TrendInput } from './types.js';

/**
 * The notes of a trend: its own on the range (gap years, years left out, parts of years), then the years'
 * share notes, each said once (one note for all the years with totals only); and the years in range that
 * cover part of a year, with what they cover.
 */
export function rangeNotes(
  input: TrendInput,
  years: number[],
  inRange: number[],
): { notes: Note[]; partial: Map<number, string> } {
  const notes: Note[] = [];
  const gapYears = years.filter((y) => !input.results.has(y) && !input.failed.has(y));
  if (gapYears.length) {
    notes.push({
      level: 'info',
      code: 'gap-years',
      facts: { category: input.category, flow: input.flow, years: gapYears },
      count: gapYears.length,
    });
  }
  for (const y of years) {
    const why = input.failed.get(y);
    if (why !== undefined) {
      notes.push({ level: 'warning', code: 'year-skipped', facts: { year: y, reason: why } });
    }
  }
  const partial = new Map<number, string>();
  for (const y of inRange) {
    const part = partOfYear(input.results.get(y) as ShareResult, y);
    if (part !== null) partial.set(y, part);
  }
  if (partial.size) {
    notes.push({
      level: 'warning',
      code: 'part-of-year',
      facts: { parts: [...partial].map(([year, part]) => ({ year, part })) },
      count: partial.size,
    });
  }
  // A share note repeated by several years is said once.
  const seen = new Set<string>();
  const totalsOnly: number[] = [];
  for (const y of inRange) {
    for (const n of (input.results.get(y) as ShareResult).notes) {
      // One note for every year with totals only, not one a year.
      if (n.code === 'no-partner-detail') {
        totalsOnly.push(y);
        continue;
      }
      const key = noteKey(n);
      if (!seen.has(key)) {
        seen.add(key);
        notes.push(n);
      }
    }
  }
  if (totalsOnly.length) {
    notes.push({
      level: 'warning',
      code: 'no-partner-detail',
      facts: { category: input.category, years: totalsOnly },
      count: totalsOnly.length,
    });
  }
  return { notes, partial };
}
