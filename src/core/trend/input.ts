import type { InputStats, ShareResult } from '../share/index.js';
import type { TrendInput } from './types.js';

/**
 * The row accounting of the years in range. A year's ShareResult counts its own rows and, when it was
 * compared with the previous year, that year's too: each year's own rows are taken apart by difference,
 * from the earliest year on (exact when a year and its previous year are both annual figures).
 */
export function rangeInput(input: TrendInput, inRange: number[]): InputStats {
  type Counts = {
    used: number;
    missing: number;
    totals: number;
    groups: number;
    byMarker: Map<string, number>;
  };
  const countsOf = (i: InputStats): Counts => ({
    used: i.rowsUsed,
    missing: i.rowsMissing,
    totals: i.aggregateTotals,
    groups: i.aggregateGroups,
    byMarker: new Map(Object.entries(i.missingByMarker)),
  });
  const minus = (a: Counts, b: Counts): Counts => {
    const byMarker = new Map(a.byMarker);
    for (const [m, k] of b.byMarker) byMarker.set(m, Math.max(0, (byMarker.get(m) ?? 0) - k));
    return {
      used: Math.max(0, a.used - b.used),
      missing: Math.max(0, a.missing - b.missing),
      totals: Math.max(0, a.totals - b.totals),
      groups: Math.max(0, a.groups - b.groups),
      byMarker,
    };
  };
  const own = new Map<number, Counts>();
  for (const y of [...input.results.keys()].sort((a, b) => a - b)) {
    const r = input.results.get(y) as ShareResult;
    const prev = r.query.previousYear === null ? undefined : own.get(r.query.previousYear);
    own.set(y, prev ? minus(countsOf(r.input), prev) : countsOf(r.input));
  }
  const sum: Counts = { used: 0, missing: 0, totals: 0, groups: 0, byMarker: new Map() };
  const files = new Set<string>();
  for (const y of inRange) {
    const c = own.get(y) as Counts;
    sum.used += c.used;
    sum.missing += c.missing;
    sum.totals += c.totals;
    sum.groups += c.groups;
    for (const [m, k] of c.byMarker) if (k) sum.byMarker.set(m, (sum.byMarker.get(m) ?? 0) + k);
    for (const f of (input.results.get(y) as ShareResult).input.filesUsed) files.add(f);
  }
  const any = input.results.get(inRange[0] as number) as ShareResult;
  const read = any.input.rowsRead;
  return {
    files: any.input.files,
    filesUsed: any.input.files.map((f) => f.name).filter((f) => files.has(f)),
    layout: any.input.layout,
    rowsRead: read,
    rowsUsed: sum.used,
    rowsFiltered: read - sum.used - sum.missing - sum.totals - sum.groups,
    rowsMissing: sum.missing,
    rowsAggregate: sum.totals + sum.groups,
    missingByMarker: Object.fromEntries(sum.byMarker),
    aggregateTotals: sum.totals,
    aggregateGroups: sum.groups,
  };
}
