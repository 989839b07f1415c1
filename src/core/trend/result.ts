import { KorusError } from '../../errors.js';
import { type ShareResult, yearList } from '../share/index.js';
import { rangeInput } from './input.js';
import { rangeNotes } from './notes.js';
import { choosePartners } from './partners.js';
import { concentrationPoint, seriesOf, totalOf } from './series.js';
import type { TrendInput, TrendResult } from './types.js';

/**
 * Builds the trend: per partner and year the value, share, rank and changes from each year's ShareResult
 * (gaps stay null), then over the range the CAGR, the share change and the counts behind the verdict. Pure.
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
  const { notes, partial } = rangeNotes(input, years, inRange);
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

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
