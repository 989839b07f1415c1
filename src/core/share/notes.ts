import type { Flow } from '../../catalog/flows.js';
import type { Partner } from '../../catalog/partners.js';
import type { Note } from '../../model/notes.js';
import type { Repeats, YearBucket } from './bucket.js';
import type { Period } from './periods.js';

// Share's notes, as facts: src/output/notes/share.ts words them.

/** What the figures cover, when not the year's annual rows, and whether a previous year could be compared. */
export function periodNotes(cur: Period, prevEff: Period | undefined, comparable: boolean): Note[] {
  const notes: Note[] = [];
  const span = cur.span;
  if (span.kind !== 'year') {
    const comparedWith = comparable ? (prevEff?.span ?? null) : null;
    notes.push({ level: 'info', code: 'period', facts: { span, comparedWith } });
  } else if (span.rows !== 'annual') {
    notes.push({ level: 'info', code: 'period', facts: { span, comparedWith: null } });
  }
  if (prevEff && !comparable) {
    notes.push({ level: 'info', code: 'no-comparable-period', facts: { span, previous: prevEff.span } });
  }
  return notes;
}

/** The rows of a bucket left out, kept under their own names, negative, or of country groups. */
export function rowNotes(b: YearBucket, year: number): Note[] {
  const notes: Note[] = [];
  if (b.missingRows) {
    const markers = [...b.missingByMarker].map(([marker, rows]) => ({ marker, rows }));
    notes.push({
      level: 'warning',
      code: 'missing-values',
      facts: { year, rows: b.missingRows, markers },
      count: b.missingRows,
    });
  }
  if (b.unknownRows) {
    // Counted from the partner sums, in the order first seen: no second map of millions of names.
    let partners = 0;
    const names: string[] = [];
    for (let i = 0; i < b.partners.size; i++) {
      if (b.partners.kindAt(i) !== 'unknown') continue;
      partners++;
      if (names.length < 5) names.push(b.partners.partner(i).name);
    }
    notes.push({
      level: 'warning',
      code: 'unknown-partner',
      facts: { year, partners, names },
      count: b.unknownRows,
    });
  }
  if (b.negative && b.firstNegative) {
    notes.push({
      level: 'warning',
      code: 'negative-value',
      facts: { year, rows: b.negative, first: b.firstNegative },
      count: b.negative,
    });
  }
  if (b.groupRows) {
    notes.push({ level: 'info', code: 'group-rows', facts: { year, rows: b.groupRows }, count: b.groupRows });
  }
  return notes;
}

/** Rows that repeat an earlier row: counted as given, counted once (--dedupe), or added as split figures. */
export function repeatNotes(r: Repeats): Note[] {
  const notes: Note[] = [];
  if (r.duplicates) {
    notes.push({
      level: 'warning',
      code: 'duplicate-rows',
      facts: { rows: r.duplicates, examples: r.examples },
      count: r.duplicates,
    });
  }
  if (r.deduped) {
    notes.push({
      level: 'info',
      code: 'duplicate-rows-deduped',
      facts: { rows: r.deduped, examples: r.examples },
      count: r.deduped,
    });
  }
  if (r.splits && r.firstSplit) {
    notes.push({
      level: 'info',
      code: 'repeated-keys',
      facts: { rows: r.splits, first: r.firstSplit },
      count: r.splits,
    });
  }
  return notes;
}

/** The files without a flow column, whose rows were taken as the query's flow. */
export function noFlowNotes(buckets: YearBucket[], flow: Flow): Note[] {
  return [...new Set(buckets.flatMap((b) => [...b.noFlowFiles]))].map((file) => ({
    level: 'info',
    code: 'no-flow-column',
    facts: { file, flow },
  }));
}

/** The area in the rows that stands for a partner (Comtrade's 490 for Taiwan), unless already said. */
export function standInNote(cur: YearBucket, notes: Note[]): Note[] {
  let standIn: Partner | undefined;
  for (let i = 0; i < cur.partners.size && !standIn; i++)
    if (cur.partners.standsForAt(i)) standIn = cur.partners.partner(i);
  if (!standIn?.standsFor || notes.some((n) => n.code === 'partner-stand-in')) return [];
  return [
    {
      level: 'info',
      code: 'partner-stand-in',
      facts: { asked: null, dataName: standIn.name, standsFor: standIn.standsFor },
    },
  ];
}
