import { ratio, type Usd } from '../../model/usd.js';
import type { ShareResult } from '../share/index.js';
import { directionOf, growthRate } from './direction.js';
import { partnerRow } from './partners.js';
import {
  type ConcentrationPoint,
  SHARE_FLAT_PP,
  type TotalPoint,
  type TrendInput,
  type TrendPoint,
  type TrendSeries,
  type TrendTotal,
  VALUE_FLAT_FRACTION,
} from './types.js';

/** One partner's points over the years, and over the range its CAGR, share change and direction counts. */
export function seriesOf(
  p: { code: string; name: string },
  years: number[],
  input: TrendInput,
  whole: (year: number) => boolean,
): TrendSeries {
  const shareIn = (y: number): number | null => partnerRow(input.results.get(y), p.code)?.share ?? null;
  const points: TrendPoint[] = years.map((year) => {
    const r = input.results.get(year);
    const row = partnerRow(r, p.code);
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
  const netValue = span?.first.valueUsd ? ratio(span.last.valueUsd as Usd, span.first.valueUsd) - 1 : null;
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
    directions: { share, value },
  };
}

/** The denominator's points over the years, and over the range its CAGR and direction counts. */
export function totalOf(
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
        ranks: null,
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
      ranks: r.ranks,
    };
  });
  const valued = points.filter((pt) => pt.valueUsd !== null && whole(pt.year));
  const first = valued[0];
  const last = valued[valued.length - 1];
  const span = first && last && last.year > first.year;
  const from = years[0] as number;
  const net = span && first.valueUsd ? ratio(last.valueUsd as Usd, first.valueUsd) - 1 : null;
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
    direction,
  };
}

/** A year's concentration figures as share computed them; every figure null in a gap year. */
export function concentrationPoint(
  year: number,
  r: ShareResult | undefined,
  failed: boolean,
): ConcentrationPoint {
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
