import type { CategoryDef, MatchKind } from '../../catalog/categories.js';
import type { Flow } from '../../catalog/flows.js';
import type { Partner } from '../../catalog/partners.js';
import type { PeriodKind, PeriodSpan } from '../../model/facts/share.js';
import type { Note } from '../../model/notes.js';
import type { FileStats } from '../../model/rows.js';
import type { Usd } from '../../model/usd.js';
import type { Concentration } from '../concentration.js';

export type { PeriodKind, PeriodSpan };

/** What `share` is asked. */
export interface ShareQuery {
  category: CategoryDef;
  year?: number;
  flow: Flow;
  reporter?: string;
  source?: string;
  /** Highlighted, and kept in the rows even outside the top N. */
  partner?: Partner;
  /** The year (default), January to the latest month (--ytd), or the 12 months ending then (--year-ending). */
  period?: PeriodKind;
  top?: number;
  /** Count exact repeats of a row once (default: every row as the file gives it, with a warning). */
  dedupe?: boolean;
  /**
   * What the rows are of: partners (default), or reporters (several reporters' trade with one partner:
   * who supplies China, as each exporter reports it). By reporter, only the query partner's rows count.
   */
  by?: 'partner' | 'reporter';
}

/** One row of a share table. */
export interface ShareRow {
  kind: 'partner' | 'other-partners' | 'remainder' | 'not-itemized';
  /** ISO alpha-2 for known countries, the data's own text for unknown partners, null for the other kinds. */
  code: string | null;
  name: string;
  valueUsd: Usd;
  /** Fraction of the total (0.0031 is 0.31%); null when the total is 0. */
  share: number | null;
  rank: number | null;
  previousValueUsd: Usd | null;
  changeUsd: Usd | null;
  changeFraction: number | null;
  highlighted: boolean;
  /** For `other-partners`: how many partners it folds together. */
  partners?: number;
}

/**
 * Whom the partners' ranks are among. complete: the data shows the ranked partners are its whole total (a
 * World/total row they make up, no remainder, no partner's value missing); listed: the partners the data
 * lists only, so a rank says nothing of trade the list leaves out or may leave out; none: fewer than two
 * partners are listed, so there is nothing to rank (every row's rank is null).
 */
export type RankScope = 'complete' | 'listed' | 'none';

/**
 * Why the listed partners are not known to be the whole total: a remainder ("All other", a pseudo-partner
 * such as Areas nes), a not-itemized part of the World row, partners whose value is missing, or no World
 * row at all (the total is the listed partners' own sum, which cannot show that they are all).
 */
export const RANK_REASONS = ['remainder', 'not-itemized', 'missing-values', 'summed-total'] as const;
export type RankReason = (typeof RANK_REASONS)[number];

/** What the partners' ranks are of: the facts behind the scope. */
export interface Ranks {
  scope: RankScope;
  /** The partners (by reporter: the reporters) with a value in the period: the ones ranked. */
  listed: number;
  /** The part of the total in no listed partner: the remainders and the not-itemized part. */
  unrankedUsd: Usd;
  /** unrankedUsd as a fraction of the total; null when the total is 0. */
  unrankedShare: number | null;
  /** Partners with a value missing in the period (a marker or an empty cell): not ranked on their whole value. */
  missingPartners: number;
  /** Why the listed partners are not known to be the whole total, in RANK_REASONS order; empty when they are. */
  reasons: RankReason[];
}

/** How the denominator was found. */
export type TotalBasis = 'reported-total' | 'sum-of-partners';

/** Counts of input rows: read = used + filtered + missing + aggregate, always. */
export interface InputStats {
  files: FileStats[];
  /** The files that gave rows to the result (the others were read and filtered out). */
  filesUsed: string[];
  /** The files' layout, or "mixed". */
  layout: string;
  rowsRead: number;
  rowsUsed: number;
  rowsFiltered: number;
  rowsMissing: number;
  rowsAggregate: number;
  missingByMarker: Record<string, number>;
  /** Of the aggregate rows: World/total rows used as the reported total, and country-group rows left out. */
  aggregateTotals: number;
  aggregateGroups: number;
}

/** The answer to a share query: figures, the choices behind them, and the accounting of every row. */
export interface ShareResult {
  query: {
    category: string;
    year: number;
    yearChosen: 'given' | 'latest';
    previousYear: number | null;
    flow: Flow;
    reporter: string | null;
    source: string | null;
    partner: string | null;
    /** What the rows are of: partners, or (several reporters' trade with one partner) reporters. */
    by: 'partner' | 'reporter';
    top: number | null;
    /** year, ytd or year-ending: what the figures cover, and what the previous figures cover. */
    period: PeriodKind;
    span: PeriodSpan;
    /** The span the figures are compared with, when they are (null: no changes are shown). */
    previousSpan: PeriodSpan | null;
  };
  category: {
    name: string;
    label: string;
    /** How rows were matched: by the data's category column, by HS code against the catalog, or both. */
    matchedBy: Array<MatchKind>;
    hsDefinition: string | null;
    note: string;
    /** The data's own statements of the definition (a `definition` column), if any. */
    dataDefinitions: string[];
  };
  valueBasis: string[];
  total: {
    valueUsd: Usd;
    basis: TotalBasis;
    itemizedUsd: Usd;
    remainderUsd: Usd;
    notItemizedUsd: Usd;
    previousValueUsd: Usd | null;
    changeUsd: Usd | null;
    changeFraction: number | null;
  };
  rows: ShareRow[];
  /** Whom the rows' ranks are among. */
  ranks: Ranks;
  notes: Note[];
  input: InputStats;
  sources: string[];
  concentration: Concentration;
}
