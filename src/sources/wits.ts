import type { SourceProfile } from './types.js';

/**
 * World Bank WITS downloads. The partner table ("WITS-Partner.csv": one row per partner, `Export (US$
 * Thousand)` and `Import (US$ Thousand)` side by side with tariff statistics, `Trade Flow` "Exports &
 * Imports") and the series table (an `Indicator` column and years as columns). Partners are names; World
 * Bank regions and income groups are rows like the countries.
 */
export const wits: SourceProfile = {
  name: 'wits',
  label: 'World Bank WITS',
  detect: (h) => {
    const n = h.names;
    if (!n.has('reporter name') || !n.has('partner name')) return undefined;
    if (n.has('indicator') && h.hasYearColumns) return 'series';
    if (n.has('import (us$ thousand)') || n.has('export (us$ thousand)')) return 'partner-table';
    return undefined;
  },
  columns: {
    reporter: ['Reporter Name'],
    partner: ['Partner Name'],
    year: ['Year'],
    category: ['Product Group'],
    flow: ['Trade Flow'],
    // A series row's indicator ("Import (US$ Thousand)") is its unit and its basis.
    unit: ['Indicator'],
  },
  measures: [
    {
      header: 'Import (US$ Thousand)',
      basis: 'imports (WITS, UN Comtrade data)',
      flow: 'imports',
      scale: 3,
      default: true,
    },
    {
      header: 'Export (US$ Thousand)',
      basis: 'exports (WITS, UN Comtrade data)',
      flow: 'exports',
      scale: 3,
      default: true,
    },
  ],
  codes: 'name',
  // WITS's own spellings: "Congo" is the Republic (the other is "Dem. Rep. Congo").
  names: { Congo: 'CG', Anguila: 'AI', 'Wallis and Futura Isl.': 'WF' },
  // The partner table's flow column says "Exports & Imports": the value columns hold the flows.
  notFlow: ['Exports & Imports'],
  wide: 'years',
  expects: 'WITS: Reporter Name, Partner Name, Year, Import (US$ Thousand), Export (US$ Thousand)',
  docs: 'docs/sources/wits.md',
};
