// The share step: rows in (accumulator.ts), a table of shares out (result.ts). The public API, under the
// names src/core/share.ts exported.

export { type Concentration, concentrationOf } from '../concentration.js';
export { ShareAccumulator } from './accumulator.js';
export type { Repeats } from './bucket.js';
export { SeveralReporters } from './guards.js';
export { repeatNotes } from './notes.js';
export { MONTH_NAMES, monthRange, partOfYear, partOfYearText, yearList } from './periods.js';
export type {
  InputStats,
  PeriodKind,
  PeriodSpan,
  RankReason,
  RankScope,
  Ranks,
  ShareQuery,
  ShareResult,
  ShareRow,
  TotalBasis,
} from './types.js';
export { RANK_REASONS } from './types.js';
