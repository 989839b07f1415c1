// The balance step: exports minus imports, each flow answered as `share` or `breakdown` answers it, joined
// by partner, category or year.
export {
  balanceByCategory,
  balanceByPartner,
  balanceByYear,
  commonYear,
  figures,
  listedCode,
  type YearPair,
} from './compute.js';
export type {
  BalanceBy,
  BalanceDirection,
  BalanceFigures,
  BalanceFlow,
  BalanceFlowFacts,
  BalanceResult,
  BalanceRow,
  BalanceTotal,
  BalanceTotalBasis,
} from './types.js';
