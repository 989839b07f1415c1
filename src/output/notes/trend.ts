import { yearList } from '../../core/share/index.js';
import type { TrendFacts } from '../../model/facts/trend.js';
import type { Words } from './words.js';

/** The words of each trend note, made from its facts. */
export const TREND_WORDS: Words<TrendFacts> = {
  'gap-years': (f) => `no ${f.category} ${f.flow} data for ${yearList(f.years)}: shown as a gap, not as 0`,
  'year-skipped': (f) => `${f.year} left as a gap: ${f.reason}`,
  'part-of-year': (f) =>
    `${f.parts.map(({ year, part }) => `${year} covers ${part}`).join('; ')}: left out of the CAGR and the change over the range, which compare whole years`,
  'no-partner-detail': (f) =>
    `the data has only aggregate rows for ${f.category} in ${yearList(f.years)}: totals, no partner detail`,
  'fewer-partners': (f) =>
    `--top ${f.top}: the ${f.year} data lists ${f.listed} partner${f.listed === 1 ? '' : 's'}${f.given ? ` (${f.given} given with --partner)` : ''}`,
  'partner-stand-in': (f) =>
    `${f.name} (${f.code}) has no row of its own in the data: its trade is reported under "${f.area}", shown for it (data users read UN Comtrade's area 490 as ${f.name}; Comtrade's own reference list does not say so)`,
};
