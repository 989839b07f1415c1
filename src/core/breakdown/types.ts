import type { CategoryDef, MatchKind } from '../../catalog/categories.js';
import type { Flow } from '../../catalog/flows.js';
import type { Partner } from '../../catalog/partners.js';
import type { AbsentCategory } from '../../model/facts/breakdown.js';
import type { Note } from '../../model/notes.js';
import type { FileStats } from '../../model/rows.js';
import type { Usd } from '../../model/usd.js';
import type { Ranks, Repeats, ShareResult, ShareRow, TotalBasis } from '../share/index.js';

/** What `breakdown` is asked: one partner, across every category. */
export interface BreakdownQuery {
  partner: Partner;
  /** Default: the latest year with a figure for the partner in some category. */
  year?: number;
  flow: Flow;
  reporter?: string;
  source?: string;
  /** The catalog (built-in and --categories): the categories an HS code can fall in. */
  catalog: CategoryDef[];
  /** Count a row that repeats an earlier one exactly once (--dedupe), as share does. */
  dedupe?: boolean;
}

// An absent category is a fact of the absent-categories note too: defined beside the note's facts.
export type { AbsenceReason, AbsentCategory } from '../../model/facts/breakdown.js';

/** One listed category: the partner's value, its two shares, and the category's denominator. */
export interface BreakdownCategory {
  name: string;
  label: string;
  definition: {
    /** How the category's rows were matched: by the data's category column, by HS code, or both. */
    matchedBy: Array<MatchKind>;
    /** The catalog's HS prefixes for the name (empty for a label the catalog does not know). */
    hsPrefixes: string[];
    hsDefinition: string | null;
    /** The data's own statements of the definition (a `definition` column). */
    dataDefinitions: string[];
    note: string;
    /** "built-in catalog", a --categories file, or "data" (a label met in the data only). */
    origin: string;
  };
  sources: string[];
  valueBasis: string[];
  valueUsd: Usd;
  /** Fraction of the partner's total (partnerTotal.valueUsd); null when there is no total. */
  shareOfPartnerTotal: number | null;
  /** The partner's fraction of the category's total, as `share` computes it. */
  shareOfCategory: number | null;
  categoryTotal: {
    valueUsd: Usd;
    basis: TotalBasis;
    previousValueUsd: Usd | null;
    changeFraction: number | null;
  };
  /** Null when the category lists fewer than two partners (ranks.scope none). */
  rank: number | null;
  /** Itemized partners in the category's year (the rank is out of these). */
  partners: number;
  /** Whom the rank is among: the category's whole total, or its listed partners only (as in `share`). */
  ranks: Ranks;
  previousValueUsd: Usd | null;
  changeUsd: Usd | null;
  changeFraction: number | null;
  /** The listed categories whose catalog definition holds this one's (apparel is within textiles-and-apparel). */
  within: string[];
  /** Whether the value is part of the partner's total (the top-level categories are; those within another are not). */
  countedInTotal: boolean;
  /** Rows of the category behind its figures (the year and the previous year): partners, missing, aggregates. */
  rows: { used: number; missing: number; aggregate: number };
}

/** How the partner's total across categories was found, and how the listed categories overlap. */
export interface PartnerTotal {
  /**
   * The partner's all-commodities figure when the file states it (a TOTAL row), else the sum over the
   * top-level categories; null when two of those overlap partly (no honest total).
   */
  valueUsd: Usd | null;
  basis: 'reported-all-commodities' | 'sum-of-top-level-categories';
  /** The value basis the total's rows state: the all-commodities rows', else the added categories'. */
  valueBasis: string[];
  /** The categories added up (none of them within another listed one). */
  categories: string[];
  previousValueUsd: Usd | null;
  changeUsd: Usd | null;
  changeFraction: number | null;
  /** The sum of every listed category's share of the total: above 1 when some lie within others. */
  listedSharesSum: number | null;
  /** Pairs of top-level categories whose catalog definitions share HS codes without one holding the other. */
  partialOverlaps: Array<[string, string]>;
  /** Top-level categories without an HS definition (data labels only): their overlap is not known. */
  unknownOverlap: string[];
}

/** Counts of input rows: read = in a category + in none + filtered out, always. */
export interface BreakdownInputStats {
  files: FileStats[];
  filesUsed: string[];
  layout: string;
  rowsRead: number;
  /** Rows that fell in at least one category (a row in two categories is counted once here). */
  rowsInCategories: number;
  /** Rows whose label or HS code is in no category (of the catalog or the data). */
  rowsInNoCategory: number;
  /** Rows of other flows, reporters, sources or HS levels, left out by the reader. */
  rowsFiltered: number;
}

/** What a partner ships across categories in one year. */
export interface BreakdownResult {
  query: {
    partner: string;
    year: number;
    yearChosen: 'given' | 'latest';
    previousYear: number | null;
    flow: Flow;
    reporter: string | null;
    source: string | null;
  };
  partner: { code: string; name: string; kind: 'country' | 'unknown' };
  partnerTotal: PartnerTotal;
  categories: BreakdownCategory[];
  absent: AbsentCategory[];
  notes: Note[];
  input: BreakdownInputStats;
  sources: string[];
}

/** What breakdownOf is given: the per-category share results computed for the year, and the rest. */
export interface BreakdownInput {
  query: Pick<BreakdownQuery, 'partner' | 'flow' | 'reporter' | 'source'>;
  year: number;
  yearChosen: 'given' | 'latest';
  /** One share result per category with data for the partner in the year (and the partner's years in it). */
  computed: Array<{ def: CategoryDef; result: ShareResult; partnerYears?: number[] }>;
  /** Categories already known to lack the partner in the year. */
  absent: AbsentCategory[];
  /** Categories that are the all-commodities total (never listed as absent). */
  totalCategories?: string[];
  notes: Note[];
  input: BreakdownInputStats;
  /**
   * Rows repeating an earlier row, each counted once however many categories it is in (each category's
   * share result counts its own): said in their place.
   */
  repeats?: Repeats;
}

/** A category with a row for the partner in the year: its definition, its share result and that row. */
export interface FoundCategory {
  def: CategoryDef;
  result: ShareResult;
  row: ShareRow;
}
