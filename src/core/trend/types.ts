import type { Flow } from '../../catalog/flows.js';
import type { Note } from '../../model/notes.js';
import type { Usd } from '../../model/usd.js';
import type { Concentration, InputStats, Ranks, ShareResult, TotalBasis } from '../share/index.js';

/** A year-on-year share change within ± this many percentage points counts as flat. */
export const SHARE_FLAT_PP = 0.05;
/** A year-on-year value change within ± this fraction (0.5%) counts as flat. */
export const VALUE_FLAT_FRACTION = 0.005;

/** Why a point has no figure: the year has no data, it could not be computed (see the notes), or it lists no figure for the partner. */
export type Gap = 'no-data' | 'not-computed' | 'not-listed';

/** One partner in one year; every figure null in a gap, never 0. */
export interface TrendPoint {
  year: number;
  valueUsd: Usd | null;
  /** Fraction of that year's total. */
  share: number | null;
  /** Among whom, the year's total point says (total.points[].ranks); null with fewer than two partners listed. */
  rank: number | null;
  /** Against the previous year (same months), as `share` computes it; null when it has no figure. */
  changeUsd: Usd | null;
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
  /** The counts behind the verdict, which src/output/ words ("share falling: 4 of 4 years down"). */
  directions: { share: DirectionCount; value: DirectionCount };
}

/** The denominator in one year. */
export interface TotalPoint {
  year: number;
  valueUsd: Usd | null;
  basis: TotalBasis | null;
  changeUsd: Usd | null;
  changeFraction: number | null;
  gap: 'no-data' | 'not-computed' | null;
  /** What the year's figures cover when it is not the whole year ("months Jan, Feb, Mar only"); else null. */
  partOfYear: string | null;
  /** Whom the year's ranks are among, as `share` says it (null in a gap year). */
  ranks: Ranks | null;
}

/** The total over the range. */
export interface TrendTotal {
  points: TotalPoint[];
  firstYear: number | null;
  lastYear: number | null;
  cagr: number | null;
  /** The counts behind the total's verdict (worded in src/output/). */
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
