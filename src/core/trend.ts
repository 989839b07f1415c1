import type { Flow } from '../catalog/flows.js';
import { partnerHint, partnerKey, standInCode } from '../catalog/partners.js';
import { KorusError } from '../errors.js';
import type { Note, WordedNote } from '../model/notes.js';
import { type Concentration, type InputStats, type ShareResult, type TotalBasis, yearList } from './share.js';

/** A year-on-year share change within ± this many percentage points counts as flat. */
export const SHARE_FLAT_PP = 0.05;
/** A year-on-year value change within ± this fraction (0.5%) counts as flat. */
export const VALUE_FLAT_FRACTION = 0.005;

/** Why a point has no figure: the year has no data, it could not be computed (see the notes), or it lists no figure for the partner. */
export type Gap = 'no-data' | 'not-computed' | 'not-listed';

/** One partner in one year; every figure null in a gap, never 0. */
export interface TrendPoint {
  year: number;
  valueUsd: number | null;
  /** Fraction of that year's total. */
  share: number | null;
  rank: number | null;
  /** Against the previous year (same months), as `share` computes it; null when it has no figure. */
  changeUsd: number | null;
  changeFraction: number | null;
  /** Share minus the previous year's share, in percentage points. */
  shareChangePp: number | null;
  gap: Gap | null;
}

/** How a series moved, year on year, and the rule's outcome. */
export type Direction = 'rising' | 'falling' | 'flat' | 'mixed' | 'too-few-years';

/** The year-on-year changes within the range, counted, and what they add up to. */
export interface DirectionCount {
  direction: Direction;
  up: number;
  down: number;
  flat: number;
  /** Over the range, first to last year with a figure: percentage points (share) or a fraction (value). */
  net: number | null;
}

/** One partner over the range. */
export interface TrendSeries {
  code: string;
  name: string;
  points: TrendPoint[];
  /** The first and last years with a value: what cagr and shareChangePp are measured between. */
  firstYear: number | null;
  lastYear: number | null;
  /** (last / first) ^ (1 / (lastYear - firstYear)) - 1; null with fewer than two years or a first value of 0. */
  cagr: number | null;
  /** Share in lastYear minus share in firstYear, in percentage points. */
  shareChangePp: number | null;
  /** Plain words from the counts: "share falling: 4 of 4 years down". */
  verdict: string;
  directions: { share: DirectionCount; value: DirectionCount };
}

/** The denominator in one year. */
export interface TotalPoint {
  year: number;
  valueUsd: number | null;
  basis: TotalBasis | null;
  changeUsd: number | null;
  changeFraction: number | null;
  gap: 'no-data' | 'not-computed' | null;
  /** What the year's figures cover when it is not the whole year ("months Jan, Feb, Mar only"); else null. */
  partOfYear: string | null;
}

/** The total over the range. */
export interface TrendTotal {
  points: TotalPoint[];
  firstYear: number | null;
  lastYear: number | null;
  cagr: number | null;
  verdict: string;
  direction: DirectionCount;
}

/** Concentration in one year (every figure null in a gap year). */
export interface ConcentrationPoint {
  year: number;
  hhi: number | null;
  band: Concentration['band'];
  partners: number | null;
  top1Share: number | null;
  top5Share: number | null;
  itemizedShareOfTotal: number | null;
  gap: 'no-data' | 'not-computed' | null;
}

/** The answer to a trend query. */
export interface TrendResult {
  query: {
    category: string;
    from: number;
    to: number;
    /** given: --from/--to; data: the first/last year with data. */
    rangeChosen: { from: 'given' | 'data'; to: 'given' | 'data' };
    flow: Flow;
    reporter: string | null;
    source: string | null;
    /** The codes of the partners given with --partner, in order; empty when none was. */
    partners: string[];
    /** The N of the top partners added (of the last year in range with data); null when none were. */
    top: number | null;
    topYear: number | null;
    concentration: boolean;
  };
  category: ShareResult['category'];
  valueBasis: string[];
  /** Every calendar year from..to, gaps included. */
  years: number[];
  series: TrendSeries[];
  total: TrendTotal;
  concentration: ConcentrationPoint[] | null;
  notes: Note[];
  input: InputStats;
  sources: string[];
}

/** A partner asked for with --partner, as the catalog resolves it. */
export interface WantedPartner {
  code: string;
  name: string;
  kind: string;
}

/** What trendOf needs: the range, one ShareResult per year that has one, and the partner choice. */
export interface TrendInput {
  category: string;
  flow: Flow;
  reporter?: string;
  source?: string;
  from: number;
  to: number;
  rangeChosen: TrendResult['query']['rangeChosen'];
  /** acc.result(report, year) for every year with data that could be computed (years outside the range too). */
  results: Map<number, ShareResult>;
  /** Years with data for which result() threw, with the reason. */
  failed: Map<number, string>;
  /** Every year with data (ascending). */
  yearsWithData: number[];
  partners: WantedPartner[];
  /** Add the top N partners of the last year in range; undefined adds none (unless no partner is given). */
  top?: number;
  concentration: boolean;
}

/** The default --top when no --partner is given. */
export const DEFAULT_TOP = 5;

/**
 * Builds the trend: per partner and year the value, share, rank and changes from each year's ShareResult
 * (gaps stay null), then over the range the CAGR, the share change and the verdict. Pure.
 */
export function trendOf(input: TrendInput): TrendResult {
  const years: number[] = [];
  for (let y = input.from; y <= input.to; y++) years.push(y);
  const inRange = years.filter((y) => input.results.has(y));
  if (!inRange.length) {
    throw new KorusError(
      `no ${input.category} ${input.flow} data in ${input.from}-${input.to}`,
      2,
      `years with data: ${yearList(input.yearsWithData)}`,
    );
  }
  const notes: Note[] = [];
  const gapYears = years.filter((y) => !input.results.has(y) && !input.failed.has(y));
  if (gapYears.length) {
    notes.push({
      level: 'info',
      code: 'gap-years',
      message: `no ${input.category} ${input.flow} data for ${yearList(gapYears)}: shown as a gap, not as 0`,
      count: gapYears.length,
    });
  }
  for (const y of years) {
    const why = input.failed.get(y);
    if (why !== undefined) {
      notes.push({ level: 'warning', code: 'year-skipped', message: `${y} left as a gap: ${why}` });
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
      message: `${[...partial].map(([y, part]) => `${y} covers ${part}`).join('; ')}: left out of the CAGR and the change over the range, which compare whole years`,
      count: partial.size,
    });
  }
  const seen = new Set<string>();
  const totalsOnly: number[] = [];
  for (const y of inRange) {
    for (const n of (input.results.get(y) as ShareResult).notes) {
      // One note for every year with totals only, not one a year.
      if (n.code === 'no-partner-detail') {
        totalsOnly.push(y);
        continue;
      }
      // Share's notes are worded still (type only: the read notes, which carry facts, are not among them).
      if (!seen.has((n as WordedNote).message)) {
        seen.add((n as WordedNote).message);
        notes.push(n);
      }
    }
  }
  if (totalsOnly.length) {
    notes.push({
      level: 'warning',
      code: 'no-partner-detail',
      message: `the data has only aggregate rows for ${input.category} in ${yearList(totalsOnly)}: totals, no partner detail`,
      count: totalsOnly.length,
    });
  }

  const chosen = choosePartners(input, inRange, notes);
  const whole = (year: number) => !partial.has(year);
  const series = chosen.partners.map((p) => seriesOf(p, years, input, whole));
  const total = totalOf(years, input, whole, partial);
  const results = inRange.map((y) => input.results.get(y) as ShareResult);
  const last = results[results.length - 1] as ShareResult;
  const agree = (pick: (r: ShareResult) => string | null): string | null => {
    const values = new Set(results.map(pick));
    return values.size === 1 ? (results[0] ? pick(results[0]) : null) : null;
  };
  return {
    query: {
      category: input.category,
      from: input.from,
      to: input.to,
      rangeChosen: input.rangeChosen,
      flow: input.flow,
      reporter: input.reporter ?? agree((r) => r.query.reporter),
      source: input.source ?? agree((r) => r.query.source),
      partners: [...new Set(input.partners.map((p) => p.code))],
      top: chosen.top,
      topYear: chosen.topYear,
      concentration: input.concentration,
    },
    category: {
      ...last.category,
      matchedBy: union(results.map((r) => r.category.matchedBy)) as ShareResult['category']['matchedBy'],
      hsDefinition: results.map((r) => r.category.hsDefinition).find((d) => d !== null) ?? null,
      dataDefinitions: union(results.map((r) => r.category.dataDefinitions)),
    },
    valueBasis: union(results.map((r) => r.valueBasis)),
    years,
    series,
    total,
    concentration: input.concentration
      ? years.map((y) => concentrationPoint(y, input.results.get(y), input.failed.has(y)))
      : null,
    notes,
    input: rangeInput(input, inRange),
    sources: union(results.map((r) => r.sources)),
  };
}

/** The partners to follow: those given, in order, then the top N of the last year in range with data. */
function choosePartners(
  input: TrendInput,
  inRange: number[],
  notes: Note[],
): { partners: Array<{ code: string; name: string }>; top: number | null; topYear: number | null } {
  const partners: Array<{ code: string; name: string }> = [];
  const codes = new Set<string>();
  for (const wanted of input.partners) {
    const p = dataPartner(wanted, input, inRange, notes);
    if (codes.has(p.code)) continue;
    const found = inRange.flatMap((y) => partnerRows(input.results.get(y)).filter((r) => r.code === p.code));
    if (!found.length) throw partnerAbsent(p, input, inRange);
    codes.add(p.code);
    partners.push({ code: p.code, name: found[found.length - 1]?.name ?? p.name });
  }
  const n = input.top ?? (input.partners.length ? undefined : DEFAULT_TOP);
  if (n === undefined) return { partners, top: null, topYear: null };
  const topYear = inRange[inRange.length - 1] as number;
  const ranked = partnerRows(input.results.get(topYear)).filter((r) => !codes.has(r.code));
  const picked = ranked.slice(0, n);
  if (picked.length < n) {
    const listed = ranked.length + codes.size;
    notes.push({
      level: 'info',
      code: 'fewer-partners',
      message: `--top ${n}: the ${topYear} data lists ${listed} partner${listed === 1 ? '' : 's'}${codes.size ? ` (${codes.size} given with --partner)` : ''}`,
    });
  }
  for (const r of picked) partners.push({ code: r.code, name: r.name });
  return { partners, top: n, topYear };
}

/**
 * The partner asked for as the data has it: by its code, by the data's own name for it, or as the area a
 * source reports it under (Comtrade's "Other Asia, nes" for Taiwan), with a note saying so.
 */
function dataPartner(p: WantedPartner, input: TrendInput, inRange: number[], notes: Note[]): WantedPartner {
  const rows = inRange.flatMap((y) => partnerRows(input.results.get(y)));
  if (rows.some((r) => r.code === p.code)) return p;
  const byName = rows.find((r) => partnerKey(r.name) === partnerKey(p.name));
  if (byName) return { ...p, code: byName.code, name: byName.name };
  const standIn = standInCode(p.code);
  const stood = standIn ? rows.find((r) => r.code === standIn) : undefined;
  if (!stood) return p;
  const said = notes.findIndex((n) => n.code === 'partner-stand-in');
  if (said !== -1) notes.splice(said, 1);
  notes.push({
    level: 'info',
    code: 'partner-stand-in',
    message: `${p.name} (${p.code}) has no row of its own in the data: its trade is reported under "${stood.name}", shown for it (data users read UN Comtrade's area 490 as ${p.name}; Comtrade's own reference list does not say so)`,
  });
  return { ...p, code: stood.code, name: stood.name };
}

function partnerAbsent(p: WantedPartner, input: TrendInput, inRange: number[]): KorusError {
  const label = p.kind === 'country' ? `${p.name} (${p.code})` : JSON.stringify(p.name);
  const elsewhere = input.yearsWithData.filter((y) =>
    partnerRows(input.results.get(y)).some((r) => r.code === p.code),
  );
  const lastYear = inRange[inRange.length - 1] as number;
  const names = partnerRows(input.results.get(lastYear)).map((r) => r.name);
  const hint = elsewhere.length
    ? `years with ${p.code}: ${yearList(elsewhere)}`
    : `partners in the ${lastYear} data: ${names.sort().join(', ') || 'none (only aggregate rows)'}`;
  return new KorusError(
    `${label} has no ${input.category} ${input.flow} row in ${input.from}-${input.to}`,
    2,
    partnerHint(p, hint),
  );
}

/** A result's ranked partner rows (the query has no --top, so every partner is a row). */
function partnerRows(r: ShareResult | undefined): Array<ShareResult['rows'][number] & { code: string }> {
  if (!r) return [];
  return r.rows.filter(
    (row): row is ShareResult['rows'][number] & { code: string } =>
      row.kind === 'partner' && row.code !== null,
  );
}

function seriesOf(
  p: { code: string; name: string },
  years: number[],
  input: TrendInput,
  whole: (year: number) => boolean,
): TrendSeries {
  const shareIn = (y: number): number | null =>
    partnerRows(input.results.get(y)).find((r) => r.code === p.code)?.share ?? null;
  const points: TrendPoint[] = years.map((year) => {
    const r = input.results.get(year);
    const row = partnerRows(r).find((x) => x.code === p.code);
    if (!r || !row) {
      return {
        year,
        valueUsd: null,
        share: null,
        rank: null,
        changeUsd: null,
        changeFraction: null,
        shareChangePp: null,
        gap: r ? 'not-listed' : input.failed.has(year) ? 'not-computed' : 'no-data',
      };
    }
    // The previous year's share only where share compared the two years (same months, both present).
    const before = r.query.previousYear !== null ? shareIn(year - 1) : null;
    return {
      year,
      valueUsd: row.valueUsd,
      share: row.share,
      rank: row.rank,
      changeUsd: row.changeUsd,
      changeFraction: row.changeFraction,
      shareChangePp: row.share !== null && before !== null ? (row.share - before) * 100 : null,
      gap: null,
    };
  });
  // The range's endpoints: whole years with a value (a part of a year is not a year's growth).
  const valued = points.filter((pt) => pt.valueUsd !== null && whole(pt.year));
  const first = valued[0];
  const last = valued[valued.length - 1];
  const span = first && last && last.year > first.year ? { first, last } : undefined;
  const cagr = span
    ? growthRate(span.first.valueUsd, span.last.valueUsd, span.last.year - span.first.year)
    : null;
  const shareChangePp =
    span && span.first.share !== null && span.last.share !== null
      ? (span.last.share - span.first.share) * 100
      : null;
  const from = years[0] as number;
  // Only the changes within the range count: the first year's change looks outside it.
  const within = points.filter((pt) => pt.year > from);
  const share = directionOf(
    within.map((pt) => pt.shareChangePp),
    shareChangePp,
    SHARE_FLAT_PP,
  );
  const netValue = span?.first.valueUsd ? (span.last.valueUsd as number) / span.first.valueUsd - 1 : null;
  const value = directionOf(
    within.map((pt) => pt.changeFraction),
    netValue,
    VALUE_FLAT_FRACTION,
  );
  return {
    code: p.code,
    name: p.name,
    points,
    firstYear: span?.first.year ?? first?.year ?? null,
    lastYear: span?.last.year ?? last?.year ?? null,
    cagr,
    shareChangePp,
    verdict: verdictOf(share, value, span ? [span.first.year, span.last.year] : undefined),
    directions: { share, value },
  };
}

function totalOf(
  years: number[],
  input: TrendInput,
  whole: (year: number) => boolean,
  partial: Map<number, string>,
): TrendTotal {
  const points: TotalPoint[] = years.map((year) => {
    const r = input.results.get(year);
    if (!r) {
      return {
        year,
        valueUsd: null,
        basis: null,
        changeUsd: null,
        changeFraction: null,
        gap: input.failed.has(year) ? 'not-computed' : 'no-data',
        partOfYear: null,
      };
    }
    return {
      year,
      valueUsd: r.total.valueUsd,
      basis: r.total.basis,
      changeUsd: r.total.changeUsd,
      changeFraction: r.total.changeFraction,
      gap: null,
      partOfYear: partial.get(year) ?? null,
    };
  });
  const valued = points.filter((pt) => pt.valueUsd !== null && whole(pt.year));
  const first = valued[0];
  const last = valued[valued.length - 1];
  const span = first && last && last.year > first.year;
  const from = years[0] as number;
  const net = span && first.valueUsd ? (last.valueUsd as number) / first.valueUsd - 1 : null;
  const direction = directionOf(
    points.filter((pt) => pt.year > from).map((pt) => pt.changeFraction),
    net,
    VALUE_FLAT_FRACTION,
  );
  return {
    points,
    firstYear: first?.year ?? null,
    lastYear: last?.year ?? null,
    cagr: span ? growthRate(first.valueUsd, last.valueUsd, last.year - first.year) : null,
    verdict: describe('value', direction, span ? [first.year, last.year] : undefined),
    direction,
  };
}

/**
 * What a year's figures cover when they are not the whole year (monthly rows that stop in June), from
 * the `period` note share attaches; null for a whole year (annual rows, or all twelve months).
 */
export function partOfYear(r: ShareResult, year: number): string | null {
  const prefix = `${year}: the figures are for `;
  const note = r.notes.find(
    (n): n is WordedNote => n.code === 'period' && (n as WordedNote).message.startsWith(prefix),
  );
  if (!note) return null;
  const part = note.message.slice(prefix.length);
  return part.startsWith('the whole year') ? null : part;
}

/** Compound annual growth rate: (last / first) ^ (1 / years) - 1; null when it is not defined. */
export function growthRate(first: number | null, last: number | null, years: number): number | null {
  if (first === null || last === null || !(first > 0) || last < 0 || years <= 0) return null;
  return (last / first) ** (1 / years) - 1;
}

/**
 * The direction of a series from its year-on-year changes (null ones are not counted) and its net change
 * over the range, with `tol` the flat band: rising when more than half the changes are up and the net
 * change is above +tol; falling, the same downwards; flat when the net change is within ±tol; mixed
 * otherwise; too-few-years when there is no change to count.
 */
export function directionOf(changes: Array<number | null>, net: number | null, tol: number): DirectionCount {
  let up = 0;
  let down = 0;
  let flat = 0;
  for (const c of changes) {
    if (c === null) continue;
    if (c > tol) up++;
    else if (c < -tol) down++;
    else flat++;
  }
  const n = up + down + flat;
  let direction: Direction;
  if (n === 0 || net === null) direction = 'too-few-years';
  else if (up > n / 2 && net > tol) direction = 'rising';
  else if (down > n / 2 && net < -tol) direction = 'falling';
  else if (Math.abs(net) <= tol) direction = 'flat';
  else direction = 'mixed';
  return { direction, up, down, flat, net };
}

/** "share falling: 4 of 4 years down", prefixed with the value's direction when it differs: "value rising, share falling: ...". */
export function verdictOf(share: DirectionCount, value: DirectionCount, span?: [number, number]): string {
  const text = describe('share', share, span);
  const moving = (d: Direction) => d === 'rising' || d === 'falling';
  if (moving(value.direction) && value.direction !== share.direction && share.direction !== 'too-few-years') {
    return `value ${value.direction}, ${text}`;
  }
  return text;
}

function describe(what: 'share' | 'value', d: DirectionCount, span?: [number, number]): string {
  const n = d.up + d.down + d.flat;
  const years = (k: number) => `${k} of ${n} year${n === 1 ? '' : 's'}`;
  const net = d.net === null ? '' : what === 'share' ? pp(d.net) : pct(d.net);
  const over = span ? ` over ${span[0]}-${span[1]}` : '';
  switch (d.direction) {
    case 'rising':
      return `${what} rising: ${years(d.up)} up`;
    case 'falling':
      return `${what} falling: ${years(d.down)} down`;
    case 'flat':
      return `${what} flat: ${net}${over} (${d.up} up, ${d.down} down, ${d.flat} flat)`;
    case 'mixed':
      return `${what} mixed: ${d.up} up, ${d.down} down, ${d.flat} flat; ${net}${over}`;
    case 'too-few-years':
      return `${what}: too few years to tell`;
  }
}

function pp(v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v).toFixed(2)} pp`;
}

function pct(v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v * 100).toFixed(1)}%`;
}

function concentrationPoint(year: number, r: ShareResult | undefined, failed: boolean): ConcentrationPoint {
  if (!r) {
    return {
      year,
      hhi: null,
      band: null,
      partners: null,
      top1Share: null,
      top5Share: null,
      itemizedShareOfTotal: null,
      gap: failed ? 'not-computed' : 'no-data',
    };
  }
  return { year, ...r.concentration, gap: null };
}

/**
 * The row accounting of the years in range. A year's ShareResult counts its own rows and, when it was
 * compared with the previous year, that year's too: each year's own rows are taken apart by difference,
 * from the earliest year on (exact when a year and its previous year are both annual figures).
 */
function rangeInput(input: TrendInput, inRange: number[]): InputStats {
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

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
