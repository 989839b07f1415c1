import type { NoteCode } from './codes.js';
import type { BalanceFacts } from './facts/balance.js';
import type { BreakdownFacts } from './facts/breakdown.js';
import type { CheckFacts } from './facts/check.js';
import type { ReadFacts } from './facts/read.js';
import type { ShareFacts } from './facts/share.js';
import type { TrendFacts } from './facts/trend.js';

/** Two areas' facts in one: a code both write (default-year: share and breakdown) has either's facts. */
type Merge<A, B> = {
  [K in keyof A | keyof B]: (K extends keyof A ? A[K] : never) | (K extends keyof B ? B[K] : never);
};

/** The facts each note carries, by code (one interface per area, src/model/facts/). */
export type NoteFacts = Merge<
  Merge<Merge<Merge<Merge<ReadFacts, ShareFacts>, TrendFacts>, BreakdownFacts>, CheckFacts>,
  BalanceFacts
>;

type FactCode = keyof NoteFacts & NoteCode;

/**
 * A warning or remark that travels with a result: on stderr for people, in `notes` in JSON. It carries
 * its code and facts; src/output/notes/ words it (JSON `message`, the stderr line).
 */
export type FactNote = {
  [C in FactCode]: {
    level: 'warning' | 'info';
    code: C;
    facts: NoteFacts[C];
    /** How many rows (or items) the note is about, where it counts something. */
    count?: number;
    /** What the note is about, said before it ("apparel: ..." in a breakdown of several categories). */
    scope?: string;
  };
}[FactCode];

export type Note = FactNote;
