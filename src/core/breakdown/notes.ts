import type { Partner } from '../../catalog/partners.js';
import type { NoteCode } from '../../model/codes.js';
import { noteKey } from '../../model/note-key.js';
import type { Note } from '../../model/notes.js';
import { type Repeats, repeatNotes } from '../share/index.js';
import type { AbsentCategory, BreakdownCategory, FoundCategory } from './types.js';

/** Notes about files or rows as such: the same in every category, said once and not named by category. */
const FILE_NOTES = new Set<NoteCode>(['no-flow-column', 'duplicate-rows', 'repeated-keys']);

/** What the breakdown's notes are made from. */
export interface BreakdownNoteInput {
  partner: Partner;
  year: number;
  /** The categories listed, in the order of their values. */
  found: FoundCategory[];
  categories: BreakdownCategory[];
  /** Whether the file states the partner's all-commodities total (then overlaps leave it whole). */
  reported: boolean;
  partialOverlaps: Array<[string, string]>;
  unknownOverlap: string[];
  absent: AbsentCategory[];
  /** Rows repeating an earlier row, each once: said in place of each category's own count. */
  repeats?: Repeats;
}

/** The notes of rows repeating earlier ones, which a category's result counts for itself. */
const REPEAT_NOTES = new Set<NoteCode>(['duplicate-rows', 'duplicate-rows-deduped', 'repeated-keys']);

/**
 * Each listed category's own notes, scoped by its name (a note about files or rows unscoped), each said
 * once; then what the breakdown itself has to say: overlaps, sources, categories left out.
 */
export function breakdownNotes(a: BreakdownNoteInput): Note[] {
  const notes: Note[] = [];
  const seen = new Set<string>();
  let repeatsSaid = false;
  for (const { def, result } of a.found) {
    for (const n of result.notes) {
      if (a.repeats && REPEAT_NOTES.has(n.code)) {
        // In the place of the first category's: the rows counted once, whatever categories they are in.
        if (!repeatsSaid) notes.push(...repeatNotes(a.repeats));
        repeatsSaid = true;
        continue;
      }
      const scoped: Note = FILE_NOTES.has(n.code)
        ? { ...n }
        : { ...n, scope: n.scope ? `${n.scope}: ${def.name}` : def.name };
      const key = noteKey(scoped);
      if (seen.has(key)) continue;
      seen.add(key);
      notes.push(scoped);
    }
  }
  const partner = a.partner;
  if (a.partialOverlaps.length && !a.reported) {
    notes.push({ level: 'warning', code: 'partial-overlap', facts: { partner, pairs: a.partialOverlaps } });
  }
  if (a.unknownOverlap.length && !a.reported) {
    notes.push({
      level: 'warning',
      code: 'unknown-overlap',
      facts: { partner, categories: a.unknownOverlap },
    });
  }
  // Grouped as the sources read joined: categories of the same sources in one group.
  const bySource = new Map<string, { sources: string[]; categories: string[] }>();
  for (const c of a.categories) {
    const key = c.sources.join(', ');
    const group = bySource.get(key) ?? { sources: c.sources, categories: [] };
    group.categories.push(c.name);
    bySource.set(key, group);
  }
  if (bySource.size > 1) {
    notes.push({ level: 'info', code: 'mixed-sources', facts: { groups: [...bySource.values()] } });
  }
  if (a.absent.length) {
    notes.push({
      level: 'info',
      code: 'absent-categories',
      // A copy: the result sorts its own list of absent categories by name afterwards.
      facts: { partner, year: a.year, absent: [...a.absent] },
      count: a.absent.length,
    });
  }
  return notes;
}
