import type { SourceProfile } from './types.js';

/**
 * A table in the shape of OTEXA's reports (the Major Shippers Report saved as CSV): `Country` and one
 * column per year, WORLD first, title lines above the header whose "Data in Million $" sets the unit, and
 * OTEXA's 7-character names (`KOR REP`, `CHINA P`) and group rows (`_WTO`).
 */
export const otexa: SourceProfile = {
  name: 'otexa',
  label: 'OTEXA-style table',
  detect: (h) => {
    const n = h.names;
    return n.has('country') &&
      h.hasYearColumns &&
      !n.has('hts number') &&
      !n.has('data type') &&
      !n.has('partner name')
      ? ''
      : undefined;
  },
  preamble: () => true,
  columns: { partner: ['Country'] },
  codes: 'name',
  wide: 'years',
  constants: () => ({ reporter: 'US', flow: 'imports' }),
  expects: 'OTEXA-style: Country and one column per year',
  docs: 'docs/sources/otexa.md',
};
