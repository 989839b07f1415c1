import type { SourceProfile } from './types.js';

/**
 * CEPII's BACI: `t,i,j,k,v,q`, one row per exporter (i), importer (j) and HS6 product (k) a year (t), the
 * value (v) in thousands of US dollars, reconciled from both sides' reports (FOB). Countries are
 * Comtrade-style numbers (842 the USA, 251 France, 699 India); there are no World rows, so the
 * denominator is always the sum of partners.
 */
export const baci: SourceProfile = {
  name: 'baci',
  label: 'CEPII BACI',
  detect: (h) => {
    const n = h.names;
    return n.size <= 6 && ['t', 'i', 'j', 'k', 'v'].every((x) => n.has(x)) ? '' : undefined;
  },
  columns: { year: ['t'], code: ['k'] },
  measures: [{ header: 'v', basis: 'BACI reconciled FOB value (CEPII)', scale: 3, default: true }],
  codes: 'comtrade',
  classification: 'HS',
  padCodes: true,
  directional: { exporter: 'i', importer: 'j' },
  denominator: 'sum-of-partners',
  expects: 'CEPII BACI: t, i, j, k, v, q',
  docs: 'docs/sources/baci.md',
};
