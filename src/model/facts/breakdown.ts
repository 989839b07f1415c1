import type { Partner } from '../../catalog/partners.js';

/** Why a category is not listed. */
export type AbsenceReason = 'no-data' | 'no-data-for-year' | 'partner-absent' | 'value-missing';

/** A category the partner has no figure in for the year: left out of the table, counted in a note. */
export interface AbsentCategory {
  name: string;
  reason: AbsenceReason;
  /** The years in which the partner has a figure in this category. */
  partnerYears: number[];
}

/**
 * The facts of each note the breakdown step writes, by note code: what src/output/notes/breakdown.ts words.
 * Add an entry here and a wording there for each note of this area (issue 10: facts travel as data).
 */
export interface BreakdownFacts {
  /** No --year: the latest of the years with figures for the partner. */
  'default-year': { year: number; partner: Partner; years: number[] };
  /** Rows in no category, with up to five of their labels or HS codes. */
  'rows-in-no-category': { rows: number; examples: string[] };
  /** Top-level categories that share HS codes without one holding the other: no partner total. */
  'partial-overlap': { partner: Partner; pairs: Array<[string, string]> };
  /** Top-level categories without an HS definition, added to the partner's total as if separate. */
  'unknown-overlap': { partner: Partner; categories: string[] };
  /** The listed categories grouped by the sources they come from (when more than one). */
  'mixed-sources': { groups: Array<{ sources: string[]; categories: string[] }> };
  /** Categories without a figure for the partner in the year, left out of the table. */
  'absent-categories': { partner: Partner; year: number; absent: AbsentCategory[] };
}
