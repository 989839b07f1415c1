// What one partner ships across categories: one ShareAccumulator per category, read in one pass.
export { BreakdownAccumulator } from './accumulate.js';
export { hsOverlap, hsWithin } from './overlap.js';
export { partnerLabel } from './partner.js';
export { breakdownOf } from './result.js';
export type {
  AbsenceReason,
  AbsentCategory,
  BreakdownCategory,
  BreakdownInput,
  BreakdownInputStats,
  BreakdownQuery,
  BreakdownResult,
  PartnerTotal,
} from './types.js';
