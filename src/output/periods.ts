import { MONTH_NAMES, monthRange, type PeriodSpan, partOfYearText } from '../core/share/index.js';

/**
 * A span in the words of the notes: for a year, what its figures are made of ("year" for its annual
 * rows, "the whole year (its 12 months added)", "January-June (year to date)"); else the months and year
 * ("January-June 2016", "the 12 months ending June 2016").
 */
export function spanText(s: PeriodSpan): string {
  if (s.kind === 'ytd') return `${monthRange(s.toMonth)} ${s.year}`;
  if (s.kind === 'year-ending') {
    return s.toMonth === 12
      ? `the year ${s.year}`
      : `the 12 months ending ${MONTH_NAMES[s.toMonth - 1]} ${s.year}`;
  }
  if (s.rows === 'annual') return 'year';
  if (s.rows === 'year-to-date' && s.toMonth === 12) return 'the whole year (its December year-to-date rows)';
  if (s.months?.length === 12) return 'the whole year (its 12 months added)';
  return partOfYearText(s);
}

/** The period as the JSON `periodLabel` gives it: the year for a year ("2016"), else "January-June 2016". */
export function periodLabel(s: PeriodSpan): string {
  return s.kind === 'year' ? String(s.year) : spanText(s);
}

/** A period short enough for a column head: "2016", "Jan-Jun 2016", "12 mo. to Jun 2016". */
export function columnLabel(s: PeriodSpan): string {
  const month = (m: number) => MONTH_NAMES[m - 1]?.slice(0, 3);
  if (s.kind === 'year') return String(s.year);
  if (s.kind === 'year-ending') {
    return s.toMonth === 12 ? String(s.year) : `12 mo. to ${month(s.toMonth)} ${s.year}`;
  }
  return s.toMonth === 1 ? `Jan ${s.year}` : `Jan-${month(s.toMonth)} ${s.year}`;
}
