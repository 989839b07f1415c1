import type { Note } from '../../model/notes.js';
import type { Usd } from '../../model/usd.js';
import type { DirectionCount } from '../trend/index.js';

/** What the rows of a balance are: partners (default), one partner's categories, or years. */
export type BalanceBy = 'partner' | 'category' | 'year';

/** One of the two flows a balance subtracts. */
export type BalanceFlow = 'exports' | 'imports';

/** The figures of one row: each flow's value (null: the data has none), and what follows from the two. */
export interface BalanceFigures {
  exportsUsd: Usd | null;
  importsUsd: Usd | null;
  /** Exports minus imports; null when either flow is missing (a missing flow is never read as 0). */
  balanceUsd: Usd | null;
  /** Exports / imports; null without both, or with no imports. */
  coverage: number | null;
  /** (X - M) / (X + M), from -1 (imports only) to +1 (exports only); null without both. */
  relativeBalance: number | null;
}

/** One row of a balance table. */
export interface BalanceRow extends BalanceFigures {
  kind: 'partner' | 'category' | 'year';
  /** ISO alpha-2 (or the data's text) for a partner, the category's key, the year as text. */
  code: string;
  name: string;
  /** The flows without a figure for this row, and why: the row's balance is then not computed. */
  missing: Array<{ flow: BalanceFlow; reason: string }>;
  /** By category: the row's part of the partner's total balance (top-level categories only). */
  shareOfBalance: number | null;
  /** By category: whether the category is added into the total (not within another listed one). */
  countedInTotal: boolean;
  /** By category: the listed categories that hold this one. */
  within: string[];
  /** By year: the change of the balance from the year before (null without both years' balances). */
  changeUsd: Usd | null;
  highlighted: boolean;
}

/** How one flow's total was found. */
export type BalanceTotalBasis =
  | 'reported-total'
  | 'sum-of-partners'
  | 'reported-all-commodities'
  | 'sum-of-top-level-categories';

/** The total row: both flows' totals, each with how it was found. */
export interface BalanceTotal extends BalanceFigures {
  basis: Record<BalanceFlow, BalanceTotalBasis | null>;
  /** By category: the sum of the top-level categories' balances, when the total is a reported one. */
  categoriesBalanceUsd: Usd | null;
}

/** What one flow's figures are, as the data states them. */
export interface BalanceFlowFacts {
  flow: BalanceFlow;
  /** The value basis the rows state ("total exports, f.a.s.", "general imports, customs value"). */
  valueBasis: string[];
  sources: string[];
  /** The data's own definitions of the category (or categories) read. */
  definitions: string[];
  filesUsed: string[];
  rowsRead: number;
  rowsUsed: number;
}

/** The direction of the balance over the years (by year), with the same counting rule as `trend`. */
export interface BalanceDirection {
  /** Counted on the balance's year-on-year changes, each as a fraction of the year before's two-way trade. */
  balance: DirectionCount;
  firstYear: number | null;
  lastYear: number | null;
  /** The first and last years' balances. */
  firstUsd: Usd | null;
  lastUsd: Usd | null;
}

/** The answer to a balance query. */
export interface BalanceResult {
  query: {
    by: BalanceBy;
    reporter: string | null;
    partner: string | null;
    partnerName: string | null;
    /** The category read (by partner and by year); by category, null (every category in the data). */
    category: string | null;
    categoryLabel: string | null;
    /** The year of the figures (by partner and by category); by year, the last year. */
    year: number;
    yearChosen: 'given' | 'latest';
    /** By year: the years listed. */
    years: number[];
    source: string | null;
  };
  rows: BalanceRow[];
  total: BalanceTotal | null;
  direction: BalanceDirection | null;
  flows: Record<BalanceFlow, BalanceFlowFacts>;
  /** Whether the two flows state different value bases (they always do in US practice: f.a.s. against customs value). */
  basesDiffer: boolean;
  notes: Note[];
}
