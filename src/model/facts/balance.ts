/**
 * The facts of each note the balance step writes, by note code: what src/output/notes/balance.ts words.
 */
export interface BalanceFacts {
  /** Rows (partners, categories or years) without a figure for one flow: their balance is not computed. */
  'missing-flow': { flow: 'exports' | 'imports'; rows: number; examples: string[] };
}
