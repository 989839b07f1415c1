import { KorusError } from '../../errors.js';
import type { TradeRow } from '../../model/rows.js';
import { YearBucket } from './bucket.js';
import type { PeriodSpan, ShareResult } from './types.js';

/** What stands for a period: one bucket (possibly merged), the raw buckets it came from, and its span. */
export interface Period {
  bucket: YearBucket;
  parts: YearBucket[];
  span: PeriodSpan;
}

/** One year's buckets: the annual rows, and monthly rows kept apart (never added to the annual ones). */
export class YearPeriods {
  annual?: YearBucket;
  /** Monthly rows of flows (not cumulative), per month. */
  readonly months = new Map<number, YearBucket>();
  /** Cumulative year-to-date rows (Census *_YR), per month: the latest month is the year so far. */
  readonly cumulative = new Map<number, YearBucket>();

  constructor(readonly year: number) {}

  /** The bucket a row's figures go to. */
  bucketFor(row: TradeRow): YearBucket {
    const month = row.month ?? 0;
    if (month === 0) {
      this.annual ??= new YearBucket();
      return this.annual;
    }
    const map = row.cumulative ? this.cumulative : this.months;
    let b = map.get(month);
    if (!b) {
      b = new YearBucket();
      map.set(month, b);
    }
    return b;
  }

  all(): YearBucket[] {
    return [this.annual, ...this.months.values(), ...this.cumulative.values()].filter(
      (b): b is YearBucket => b !== undefined,
    );
  }

  get hasData(): boolean {
    return this.all().some((b) => b.hasData);
  }

  /** The latest month with monthly figures, or 0. */
  get lastMonth(): number {
    let m = 0;
    for (const [k, b] of [...this.months, ...this.cumulative]) if (b.hasData && k > m) m = k;
    return m;
  }

  /** The bucket that stands for the year: the annual rows first, then the latest YTD month, then the months added. */
  effective(throughMonth?: number): Period | undefined {
    const year = this.year;
    if (this.annual?.hasData && throughMonth === undefined) {
      const span: PeriodSpan = { kind: 'year', year, fromMonth: 1, toMonth: 12, rows: 'annual' };
      return { bucket: this.annual, parts: [this.annual], span };
    }
    const ytd = [...this.cumulative.entries()]
      .filter(([m, b]) => b.hasData && (throughMonth === undefined || m === throughMonth))
      .sort((a, b) => b[0] - a[0])[0];
    if (ytd) {
      const span: PeriodSpan = { kind: 'year', year, fromMonth: 1, toMonth: ytd[0], rows: 'year-to-date' };
      return { bucket: ytd[1], parts: [ytd[1]], span };
    }
    const months = [...this.months.entries()].filter(([, b]) => b.hasData).sort((a, b) => a[0] - b[0]);
    if (!months.length) return undefined;
    const list = months.map(([m]) => m);
    const span: PeriodSpan = {
      kind: 'year',
      year,
      fromMonth: list[0] as number,
      toMonth: list[list.length - 1] as number,
      rows: 'monthly',
      months: list,
    };
    return { ...merged(months.map(([, b]) => [b, 1])), span };
  }

  /** January through `month` of this year: the cumulative figure, or the months added. Undefined when a month is missing. */
  ytd(month: number): Period | undefined {
    const span: PeriodSpan = {
      kind: 'ytd',
      year: this.year,
      fromMonth: 1,
      toMonth: month,
      rows: 'year-to-date',
    };
    const cum = this.cumulative.get(month);
    if (cum?.hasData) return { bucket: cum, parts: [cum], span };
    const parts: Array<[YearBucket, 1]> = [];
    for (let m = 1; m <= month; m++) {
      const b = this.months.get(m);
      if (!b?.hasData) return undefined;
      parts.push([b, 1]);
    }
    const months = parts.map((_, i) => i + 1);
    return { ...merged(parts), span: { ...span, rows: 'monthly', months } };
  }

  /** The months after `month` to December (what a year ending in `month` takes from this year). */
  rest(month: number): Array<[YearBucket, 1 | -1]> | undefined {
    if (month === 12) return [];
    const dec = this.cumulative.get(12);
    const cut = this.cumulative.get(month);
    if (dec?.hasData && cut?.hasData)
      return [
        [dec, 1],
        [cut, -1],
      ];
    const parts: Array<[YearBucket, 1]> = [];
    for (let m = month + 1; m <= 12; m++) {
      const b = this.months.get(m);
      if (!b?.hasData) return undefined;
      parts.push([b, 1]);
    }
    return parts;
  }
}

/** A new bucket adding (or subtracting) others. */
function merged(parts: Array<[YearBucket, 1 | -1]>): { bucket: YearBucket; parts: YearBucket[] } {
  const bucket = new YearBucket();
  for (const [b, sign] of parts) bucket.absorb(b, sign);
  return { bucket, parts: parts.map(([b]) => b) };
}

/**
 * January to month M of a year (--ytd), or the twelve months ending in M (--year-ending); M is the
 * latest month with figures in `year` unless given.
 */
export function monthlyPeriod(
  years: Map<number, YearPeriods>,
  category: string,
  kind: 'ytd' | 'year-ending',
  year: number,
  month?: number,
): Period | undefined {
  const periods = years.get(year);
  const m = month ?? periods?.lastMonth ?? 0;
  if (!periods || m === 0) {
    if (month === undefined) {
      throw new KorusError(
        `no monthly ${category} figures for ${year}: --${kind} needs rows with a month`,
        2,
        'a month column (month, Census MONTH, Comtrade refMonth) or YYYYMM periods',
      );
    }
    return undefined;
  }
  const ytd = periods.ytd(m);
  if (kind === 'ytd') return ytd;
  if (!ytd) return undefined;
  const rest = years.get(year - 1)?.rest(m);
  if (!rest) return undefined;
  const parts: Array<[YearBucket, 1 | -1]> = [[ytd.bucket, 1], ...rest];
  const { bucket } = merged(parts);
  const span: PeriodSpan =
    m === 12
      ? { ...ytd.span, kind: 'year-ending' }
      : { kind: 'year-ending', year, fromMonth: m + 1, toMonth: m, rows: 'combined' };
  return { bucket, parts: [...ytd.parts, ...rest.map(([b]) => b)], span };
}

/** Whether two spans of a year cover the same months the same way (so one year can be compared with the other). */
export function sameMonths(a: PeriodSpan, b: PeriodSpan): boolean {
  return (
    a.rows === b.rows &&
    a.fromMonth === b.fromMonth &&
    a.toMonth === b.toMonth &&
    (a.months ?? []).join() === (b.months ?? []).join()
  );
}

/** Whether a span covers the whole year (annual rows, December year-to-date rows, or all twelve months). */
function wholeYear(s: PeriodSpan): boolean {
  return s.fromMonth === 1 && s.toMonth === 12 && (s.months === undefined || s.months.length === 12);
}

/**
 * What a year's figures cover when they are not the whole year (monthly rows that stop in June), from
 * the span of the result; null for a whole year (annual rows, or all twelve months).
 */
export function partOfYear(r: ShareResult, year: number): string | null {
  const s = r.query.span;
  if (s.kind !== 'year' || s.year !== year || s.rows === 'annual' || wholeYear(s)) return null;
  return partOfYearText(s);
}

// The words for a part of a year are the one period wording left in core: trend's points carry them as
// text (src/core/trend.ts builds its points and notes in words). src/output/periods.ts words every other span.

/** The full names of the months, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "January-June" for month 6 ("January" for 1). */
export function monthRange(month: number): string {
  return month === 1 ? 'January' : `January-${MONTH_NAMES[month - 1]}`;
}

/** A part of a year in words: "January-June (year to date)", "months Jan, Feb only". */
export function partOfYearText(s: PeriodSpan): string {
  return s.rows === 'monthly'
    ? `months ${(s.months ?? []).map((m) => MONTH_NAMES[m - 1]?.slice(0, 3)).join(', ')} only`
    : `${monthRange(s.toMonth)} (year to date)`;
}

/** "2012-2014, 2016" from a sorted list of years. */
export function yearList(years: number[]): string {
  const parts: string[] = [];
  let start = years[0];
  for (let i = 0; i < years.length; i++) {
    const y = years[i] as number;
    const next = years[i + 1];
    if (next !== y + 1) {
      parts.push(start === y ? String(y) : `${start}-${y}`);
      start = next;
    }
  }
  return parts.join(', ');
}
