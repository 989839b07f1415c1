import { type RankReason, yearList } from '../core/share/index.js';
import { SHARE_FLAT_PP, type TrendResult, VALUE_FLAT_FRACTION } from '../core/trend/index.js';
import { basisLine, categoryLine, filesLine, rowsLine } from './footer.js';
import { percent } from './format.js';

/** The footer lines: category, basis, denominators, gaps, how changes and verdicts are read, files and rows. */
export function trendFooter(r: TrendResult): Array<[string, string]> {
  const cat = r.category;
  const lines: Array<[string, string]> = [];
  lines.push(categoryLine(cat));
  lines.push(basisLine(r.valueBasis));
  const byBasis = (basis: string) => r.total.points.filter((p) => p.basis === basis).map((p) => p.year);
  const reported = byBasis('reported-total');
  const summed = byBasis('sum-of-partners');
  const totals = [
    reported.length ? `reported World/total row (${yearList(reported)})` : '',
    summed.length ? `sum of the listed partners, no World/total row (${yearList(summed)})` : '',
  ].filter(Boolean);
  lines.push(['Total', `${totals.join('; ')}; each share is of its own year's total`]);
  const ranks = ranksLine(r);
  if (ranks) lines.push(ranks);
  const noData = r.total.points.filter((p) => p.gap === 'no-data').map((p) => p.year);
  const failed = r.total.points.filter((p) => p.gap === 'not-computed').map((p) => p.year);
  const notListed = r.series.some((s) => s.points.some((p) => p.gap === 'not-listed'));
  if (noData.length || failed.length || notListed) {
    const why = [
      noData.length ? `no ${r.query.category} data for ${yearList(noData)}` : '',
      failed.length ? `${yearList(failed)} could not be computed (see the warnings)` : '',
      notListed ? "the year's data lists no figure for the partner" : '',
    ].filter(Boolean);
    lines.push(['Gaps', `– is no figure, never 0: ${why.join('; or ')}`]);
  }
  const parts = r.total.points.filter((p) => p.partOfYear !== null);
  if (parts.length) {
    lines.push([
      'Part year',
      `${parts.map((p) => `${p.year}* covers ${p.partOfYear}`).join('; ')}: left out of CAGR and Share Δ, which compare whole years`,
    ]);
  }
  lines.push([
    'Changes',
    'change: against the previous year (same months); CAGR and Share Δ: between the first and last years with a value',
  ]);
  lines.push([
    'Verdict',
    `a year-on-year share change within ±${SHARE_FLAT_PP} pp (value: ±${VALUE_FLAT_FRACTION * 100}%) is flat; rising or falling when more than half the changes in the range go that way and so does the whole range; flat when the whole range moves within the band; else mixed`,
  ]);
  const k = r.concentration;
  if (k) {
    const partial = k.filter(
      (p) => p.hhi !== null && p.itemizedShareOfTotal !== null && p.itemizedShareOfTotal < 0.9999,
    );
    const parts = partial.map((p) => p.itemizedShareOfTotal as number);
    const span =
      parts.length === 0
        ? ''
        : `; covers the itemized partners only in ${yearList(partial.map((p) => p.year))} (${percentRange(parts)} of the total)`;
    const weak = k.some((p) => p.hhi !== null && (p.itemizedShareOfTotal ?? 1) < 0.5)
      ? '; in parentheses: not meaningful, the itemized partners are under half the total'
      : '';
    lines.push([
      'Concentration',
      `HHI of the itemized partners, 0-10,000 (under 1,500 low, 1,500-2,500 moderate, over 2,500 high); top 1 and top 5 are shares of the total${span}${weak}`,
    ]);
  }
  lines.push(filesLine(r.input), rowsLine(r.input));
  return lines;
}

/** "24.5%" or "24.5%-25.3%": the lowest and highest of some fractions. */
function percentRange(fractions: number[]): string {
  const lo = Math.min(...fractions);
  const hi = Math.max(...fractions);
  return `${percent(lo, 1)}${hi !== lo ? `-${percent(hi, 1)}` : ''}`;
}

/**
 * "Ranks": in which years a rank is among the year's listed partners only ("of N listed" in the table), and
 * in which a followed partner has a value but no rank (fewer than two partners listed); null when every
 * rank is of its year's whole total.
 */
function ranksLine(r: TrendResult): [string, string] | null {
  const listed = r.total.points.filter((p) => p.ranks?.scope === 'listed');
  const valued = (year: number) =>
    r.series.some((s) => s.points.some((p) => p.year === year && p.valueUsd !== null));
  const none = r.total.points.filter((p) => p.ranks?.scope === 'none' && valued(p.year));
  if (!listed.length && !none.length) return null;
  const parts: string[] = [];
  if (listed.length) {
    const part = listed.filter((p) => (p.ranks?.unrankedShare ?? 0) !== 0);
    const unranked = part.map((p) => p.ranks?.unrankedShare ?? 0);
    // The years are named unless every year ranked among the listed has a part not itemized.
    const partYears = part.length < listed.length ? ` in ${yearList(part.map((p) => p.year))}` : '';
    const yearsWith = (reason: RankReason) =>
      yearList(listed.filter((p) => p.ranks?.reasons.includes(reason)).map((p) => p.year));
    const missing = yearsWith('missing-values');
    const summed = yearsWith('summed-total');
    const why = [
      unranked.length ? `${percentRange(unranked)} of the total not itemized by partner${partYears}` : '',
      missing ? `partners' values missing in ${missing}` : '',
      summed ? `no World/total row in ${summed}, the total their own sum` : '',
    ].filter(Boolean);
    parts.push(
      `"of N listed" is among the year's listed partners only, in ${yearList(listed.map((p) => p.year))} (${why.join('; ')})`,
    );
  }
  if (none.length) {
    parts.push(`none in ${yearList(none.map((p) => p.year))} (fewer than two partners listed)`);
  }
  return ['Ranks', parts.join('; ')];
}
