import { hsDefinition } from '../../catalog/categories.js';
import { KorusError } from '../../errors.js';
import type { Note } from '../../model/notes.js';
import type { ReadReport } from '../../model/rows.js';
import { concentrationOf } from '../concentration.js';
import type { Repeats, YearBucket } from './bucket.js';
import { checkMixing, noData } from './guards.js';
import { noFlowNotes, periodNotes, repeatNotes, rowNotes, standInNote } from './notes.js';
import { findPartner } from './partner.js';
import { monthlyPeriod, type Period, sameMonths, type YearPeriods, yearList } from './periods.js';
import { denominatorOf, ranksOf, shareRows, totalOf } from './rows.js';
import type { InputStats, ShareQuery, ShareResult } from './types.js';

/** What the accumulator hands the result: its query, the buckets of every year, and its counts. */
export interface Accumulated {
  readonly query: ShareQuery;
  readonly years: Map<number, YearPeriods>;
  readonly filtered: number;
  readonly repeats: Repeats;
  yearsWithData(): number[];
  /** Throws when a row by a hidden dimension has no total row. */
  checkDetails(): void;
}

/** The periods an answer compares: the figures' period, and the same months a year before (if the data has them). */
interface Chosen {
  cur: Period;
  prev: Period | undefined;
}

/** Computes the share table. Throws KorusError (exit 2) when the query cannot be answered from the data. */
export function shareResult(acc: Accumulated, report: ReadReport, forYear?: number): ShareResult {
  const q = acc.query;
  const years = acc.yearsWithData();
  if (years.length === 0) throw noData(q);
  const notes: Note[] = [];
  let year = forYear ?? q.year;
  if (year === undefined) {
    year = years[years.length - 1] as number;
    notes.push({ level: 'info', code: 'default-year', facts: { year, category: q.category.name, years } });
  }
  const periods = choose(acc, year, years, notes);
  const cur = periods.cur.bucket;
  const prev = periods.prev?.bucket;
  const buckets = prev ? [cur, prev] : [cur];
  const used = [...new Set([...periods.cur.parts, ...(periods.prev?.parts ?? [])])];
  const category = q.category.name;
  checkMixing(buckets, year, category);
  acc.checkDetails();

  const d = denominatorOf(cur, notes, category);
  const highlighted =
    q.partner && q.by !== 'reporter' ? findPartner(q.partner, cur, year, q, acc.years, notes) : undefined;
  const ranks = ranksOf(cur, d);
  const rows = shareRows(cur, prev, d, q.top, highlighted, ranks.scope !== 'none');
  notes.push(...standInNote(cur, notes));
  notes.push(...rowNotes(cur, year));
  if (prev) notes.push(...rowNotes(prev, year - 1));
  notes.push(...repeatNotes(acc.repeats), ...noFlowNotes(buckets, q.flow));
  if (cur.partners.size === 0) {
    notes.push({ level: 'warning', code: 'no-partner-detail', facts: { category, year } });
  }
  return {
    query: {
      category,
      year,
      yearChosen: forYear === undefined && q.year === undefined ? 'latest' : 'given',
      previousYear: prev ? year - 1 : null,
      flow: q.flow,
      reporter: q.reporter ?? onlyKey(cur.reporters.counts()),
      source: q.source ?? onlyKey(cur.sources.counts()),
      partner: q.by === 'reporter' ? (q.partner?.code ?? null) : (highlighted ?? null),
      by: q.by ?? 'partner',
      top: q.top ?? null,
      period: periods.cur.span.kind,
      span: periods.cur.span,
      previousSpan: periods.prev?.span ?? null,
    },
    category: {
      name: category,
      label: q.category.label,
      matchedBy: [...cur.matchedBy.values()].sort(),
      hsDefinition: cur.matchedBy.has('hs-code') ? hsDefinition(q.category.hs) : null,
      note: q.category.note,
      dataDefinitions: [...cur.definitions.values()].sort(),
    },
    valueBasis: [...cur.basis.values()].sort(),
    total: totalOf(cur, prev, d),
    rows,
    ranks,
    notes,
    input: inputStats(acc, report, used),
    sources: [...cur.sources.counts().keys()].filter((s) => s !== '').sort(),
    concentration: concentrationOf(cur.partners.totals(), d.total),
  };
}

/**
 * The figures' period in `year` and the previous year's over the same months (a year-to-date figure is
 * compared with the same months), with the notes that say what they cover.
 */
function choose(acc: Accumulated, year: number, years: number[], notes: Note[]): Chosen {
  const q = acc.query;
  const kind = q.period ?? 'year';
  const category = q.category.name;
  const curPeriods = acc.years.get(year);
  const cur = kind === 'year' ? curPeriods?.effective() : monthlyPeriod(acc.years, category, kind, year);
  if (!curPeriods || !cur) {
    throw new KorusError(
      `no ${category} ${q.flow} data for ${year}`,
      2,
      `years with data: ${yearList(years)}`,
    );
  }
  const annual = cur.span.rows === 'annual';
  const prevEff =
    kind === 'year'
      ? acc.years.get(year - 1)?.effective(annual ? undefined : cur.span.toMonth)
      : monthlyPeriod(acc.years, category, kind, year - 1, cur.span.toMonth);
  const comparable = prevEff !== undefined && (kind !== 'year' || sameMonths(prevEff.span, cur.span));
  notes.push(...periodNotes(cur, prevEff, comparable));
  const unused = curPeriods.all().filter((b) => !cur.parts.includes(b) && b.hasData);
  if (unused.length && kind === 'year' && annual) {
    const n = unused.reduce((a, b) => a + b.rows, 0);
    notes.push({ level: 'info', code: 'monthly-rows-unused', facts: { year, rows: n }, count: n });
  }
  return { cur, prev: comparable ? prevEff : undefined };
}

/** The accounting of every row: used, filtered out (by the reader, here, or in other years), missing, aggregate. */
function inputStats(acc: Accumulated, report: ReadReport, selected: YearBucket[]): InputStats {
  let used = 0;
  let missing = 0;
  let totals = 0;
  let groups = 0;
  // A Map, not an object: a marker is data text (--missing __proto__).
  const byMarker = new Map<string, number>();
  for (const b of selected) {
    used += b.partnerRows + b.remainderRows;
    missing += b.missingRows;
    totals += b.totalRows;
    groups += b.groupRows;
    for (const [m, n] of b.missingByMarker) byMarker.set(m, (byMarker.get(m) ?? 0) + n);
  }
  const filesUsed = new Set<string>();
  for (const b of selected) for (const f of b.files.values()) filesUsed.add(f);
  let otherYears = 0;
  for (const periods of acc.years.values()) {
    for (const b of periods.all()) if (!selected.includes(b)) otherYears += b.rows;
  }
  return {
    files: report.files,
    filesUsed: report.files.map((f) => f.name).filter((f) => filesUsed.has(f)),
    layout:
      new Set(report.files.map((f) => f.layout)).size === 1
        ? (report.files[0]?.layout ?? 'canonical')
        : 'mixed',
    rowsRead: report.rowsRead,
    rowsUsed: used,
    rowsFiltered: report.rowsFiltered + acc.filtered + otherYears,
    rowsMissing: missing,
    rowsAggregate: totals + groups,
    missingByMarker: Object.fromEntries(byMarker),
    aggregateTotals: totals,
    aggregateGroups: groups,
  };
}

function onlyKey(map: Map<string, number>): string | null {
  const keys = [...map.keys()];
  return keys.length === 1 && keys[0] ? keys[0] : null;
}
