import type { Flow } from '../../catalog/flows.js';
import type { Usd } from '../usd.js';

/** What a figure covers: a year, a year to date, or twelve months ending in a month. */
export type PeriodKind = 'year' | 'ytd' | 'year-ending';

/**
 * The months a figure covers, as data (src/output/periods.ts words it: "January-June 2016"). A
 * year-ending span starts in the year before, in the month after `toMonth` (unless that is December).
 */
export interface PeriodSpan {
  /** What was asked: the year, a year to date, or the twelve months ending in `toMonth`. */
  kind: PeriodKind;
  /** The year the span ends in. */
  year: number;
  /** The first and last month covered, 1-12. */
  fromMonth: number;
  toMonth: number;
  /**
   * Which rows make the figure: annual rows, cumulative year-to-date rows (Census *_YR), months added,
   * or (twelve months ending before December) parts of two years combined.
   */
  rows: 'annual' | 'year-to-date' | 'monthly' | 'combined';
  /** For monthly rows: the months added (a year's rows may leave gaps: months Jan and Mar only). */
  months?: number[];
}

/** A row that repeats the key of an earlier one: where it is, and where the row it repeats is. */
export interface RowRepeat {
  file: string;
  line: number;
  firstFile: string;
  firstLine: number;
}

/**
 * The facts of each note the share step writes, by note code: what src/output/notes/share.ts words.
 * Add an entry here and a wording there for each note of this area (issue 10: facts travel as data).
 */
export interface ShareFacts {
  'default-year': { year: number; category: string; years: number[] };
  /** What the figures cover when it is not the year's annual rows, and (--ytd, --year-ending) what they are compared with. */
  period: { span: PeriodSpan; comparedWith: PeriodSpan | null };
  'no-comparable-period': { span: PeriodSpan; previous: PeriodSpan };
  'monthly-rows-unused': { year: number; rows: number };
  /** The listed partners (and remainders) add up to more than the reported total. */
  'partners-exceed-total': {
    listedUsd: Usd;
    totalUsd: Usd;
    excessUsd: Usd;
    withinRounding: boolean;
  };
  /**
   * A partner's trade under an area that stands for it (Comtrade's 490 for Taiwan): `asked` when the
   * query asked for that partner, null when the area is only in the rows.
   */
  'partner-stand-in': { asked: { name: string; code: string } | null; dataName: string; standsFor: string };
  'duplicate-rows': { rows: number; examples: RowRepeat[] };
  'duplicate-rows-deduped': { rows: number; examples: RowRepeat[] };
  /** Rows repeating a key with another value (added); the first such, with the line of the row before it. */
  'repeated-keys': { rows: number; first: RowRepeat };
  'no-flow-column': { file: string; flow: Flow };
  'no-partner-detail': { category: string; year: number };
  'missing-values': { year: number; rows: number; markers: Array<{ marker: string; rows: number }> };
  /** Partner names not in the catalog: how many, and the first five. */
  'unknown-partner': { year: number; partners: number; names: string[] };
  'negative-value': { year: number; rows: number; first: { file: string; line: number } };
  'group-rows': { year: number; rows: number };
  /** The data holds several reporters' trade with the one partner asked about only: shares by reporter. */
  'by-reporter': { reporters: number; partner: string; flow: Flow };
}
