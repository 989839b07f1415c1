import type { Flow } from '../../catalog/flows.js';

/**
 * The facts of each note the check step writes, by note code: what src/output/notes/check.ts words.
 * `check` writes no notes of its own: the notes of its results are the reader's and share's.
 */
// biome-ignore lint/suspicious/noEmptyInterface: check writes no notes of its own (see above)
export interface CheckFacts {}

/** A rule's partner: as the rules file writes it, and its catalog code (worded "Vietnam (VN)"). */
export interface RulePartner {
  written?: string;
  code?: string;
}

/**
 * The facts of each reason a rule could not be evaluated (or its partner is absent), by reason code:
 * what src/output/notes/check.ts words as the rule's `reason`.
 */
export interface RuleReasonFacts {
  /** The share pipeline could not compute the rule's figure: its error, in its own words. */
  'not-measured': { error: string; hint?: string };
  /** The partner has no row of the category and flow in `year`. */
  'no-partner-row': { partner: RulePartner; category: string; flow: Flow; year: number };
  /** The year's total is 0, so there is no share. */
  'zero-total': { category: string; flow: Flow; year: number };
  /** The partner has no row with a value in `year` (a partner-present rule). */
  'partner-absent': { partner: RulePartner; category: string; flow: Flow; year: number };
  /** No figures for `year`, the one a change is measured from. */
  'no-previous-year': { category: string; flow: Flow; year: number };
  /** The partner's (null: the total's) value was 0 in the previous year: no change as a fraction. */
  'previous-zero': { partner: RulePartner | null; previousYear: number };
  /** One year has a reported total and the other a sum of partners. */
  'totals-not-comparable': { year: number; previousYear: number };
  /**
   * A balance rule's partner has no figure in one flow or both (a missing flow is never read as 0): each
   * flow missing, with `balance`'s own reason where it gives one (the partner is listed in the other flow).
   */
  'missing-flow': {
    partner: RulePartner;
    category: string;
    year: number;
    missing: Array<{ flow: 'exports' | 'imports'; reason?: string }>;
  };
}
export type RuleReasonCode = keyof RuleReasonFacts;

/** Why a rule was not evaluated (or failed as absent): its code and facts. */
export type RuleReason = {
  [C in RuleReasonCode]: { code: C; facts: RuleReasonFacts[C] };
}[RuleReasonCode];
