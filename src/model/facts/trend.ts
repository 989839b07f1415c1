import type { Flow } from '../../catalog/flows.js';

/**
 * The facts of each note the trend step writes, by note code: what src/output/notes/trend.ts words.
 * Add an entry here and a wording there for each note of this area (issue 10: facts travel as data).
 */
export interface TrendFacts {
  /** Years in range without data, shown as gaps. */
  'gap-years': { category: string; flow: Flow; years: number[] };
  /** A year with data that could not be computed, and why (the error's own words). */
  'year-skipped': { year: number; reason: string };
  /** Years in range that cover part of a year, with what they cover ("months Jan, Feb, Mar only"). */
  'part-of-year': { parts: Array<{ year: number; part: string }> };
  /** Years in range whose data has aggregate rows only (one note for the range). */
  'no-partner-detail': { category: string; years: number[] };
  /** --top asked for more partners than the year lists; `given` of them came with --partner. */
  'fewer-partners': { top: number; year: number; listed: number; given: number };
  /** A partner asked for, shown under the area a source reports it under (Comtrade's 490 for Taiwan). */
  'partner-stand-in': { name: string; code: string; area: string };
}
