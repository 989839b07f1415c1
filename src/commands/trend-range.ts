import type { ShareAccumulator, ShareResult } from '../core/share/index.js';
import { yearList } from '../core/share/index.js';
import type { TrendInput } from '../core/trend/index.js';
import { KorusError } from '../errors.js';
import type { ReadReport } from '../model/rows.js';

/** The years a trend asks for (--from, --to), and what to say when the data has none at all. */
export interface AskedRange {
  from?: number;
  to?: number;
  /** "textiles-and-apparel imports": what the data has no figures of, in the error. */
  what: string;
  none: () => KorusError;
}

/**
 * The trend's range (the data's first and last years where not given) and every year's share result:
 * every year with data, not only those in range, as the year before the range gives the first change.
 * Throws when the range holds no year with data, or only years whose result failed (the first error).
 */
export function trendYears(
  acc: ShareAccumulator,
  report: ReadReport,
  asked: AskedRange,
): Pick<TrendInput, 'from' | 'to' | 'rangeChosen' | 'results' | 'failed' | 'yearsWithData'> {
  const years = acc.yearsWithData();
  const [first, last] = [years[0], years.at(-1)];
  if (first === undefined || last === undefined) throw asked.none();
  const from = asked.from ?? (asked.to !== undefined ? Math.min(first, asked.to) : first);
  const to = asked.to ?? (asked.from !== undefined ? Math.max(last, asked.from) : last);
  const inRange = (y: number) => y >= from && y <= to;
  if (!years.some(inRange)) {
    throw new KorusError(`no ${asked.what} data in ${from}-${to}`, 2, `years with data: ${yearList(years)}`);
  }
  const results = new Map<number, ShareResult>();
  const failed = new Map<number, string>();
  let firstError: KorusError | undefined;
  for (const y of years) {
    try {
      results.set(y, acc.result(report, y));
    } catch (err) {
      if (!(err instanceof KorusError)) throw err;
      failed.set(y, err.message);
      if (inRange(y)) firstError ??= err;
    }
  }
  if (firstError && !years.some((y) => inRange(y) && results.has(y))) throw firstError;
  const rangeChosen = {
    from: asked.from === undefined ? 'data' : 'given',
    to: asked.to === undefined ? 'data' : 'given',
  } as const;
  return { from, to, rangeChosen, results, failed, yearsWithData: years };
}
