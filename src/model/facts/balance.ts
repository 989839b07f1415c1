/**
 * The facts of each note the balance step writes, by note code: what src/output/notes/balance.ts words.
 */
export interface BalanceFacts {
  /** Rows (partners, categories or years) without a figure for one flow: their balance is not computed. */
  'missing-flow': { flow: 'exports' | 'imports'; rows: number; examples: string[] };
  /** By year without a partner: years whose total of a flow is the listed partners' sum (no World/total row). */
  'summed-totals': { flow: 'exports' | 'imports'; years: number[]; partners: string[] };
}
