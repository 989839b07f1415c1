import type { Measure, SourceProfile } from './types.js';

const KINDS: ReadonlyArray<[string, string]> = [
  ['GEN', 'general imports'],
  ['CON', 'imports for consumption'],
];

/** The Census API's value variables: monthly (_MO) and year-to-date (_YR, the December row is the year). */
function censusMeasures(): Measure[] {
  const out: Measure[] = [];
  const add = (name: string, basis: string, isDefault = false) => {
    for (const [suffix, cumulative] of [
      ['YR', true],
      ['MO', false],
    ] as const) {
      out.push({
        header: `${name}_${suffix}`,
        basis: `${basis} (US Census)`,
        cumulative,
        default: isDefault,
      });
    }
  };
  // General imports at customs value are the headline US import figure: the default when present.
  for (const [kind, label] of KINDS) add(`${kind}_VAL`, `${label}, customs value`, kind === 'GEN');
  for (const [kind, label] of KINDS) add(`${kind}_CIF`, `${label}, CIF value`);
  for (const [kind, label] of KINDS) add(`${kind}_CHA`, `${label}, import charges`);
  // Exports endpoints: total exports at FAS value.
  add('ALL_VAL', 'total exports, FAS value', true);
  // Port and mode-of-transport endpoints: parts of the total by mode, never a default.
  add('AIR_VAL', 'imports by air, customs value');
  add('VES_VAL', 'imports by vessel, customs value');
  add('CNT_VAL', 'imports by containerized vessel, customs value');
  add('AIR_VAL_E', 'exports by air');
  add('VES_VAL_E', 'exports by vessel');
  return out;
}

/**
 * The US Census international trade API (`/timeseries/intltrade/imports/hs`, `exports/hs`, `porths`, ...),
 * as its JSON answer or saved as CSV (also by R's write.csv). CTY_CODE is Schedule C.
 */
export const census: SourceProfile = {
  name: 'census',
  label: 'US Census international trade API',
  detect: (h) => {
    const n = h.names;
    if (!n.has('cty_code') && !n.has('cty_name')) return undefined;
    const value = [...n].some((x) => /^(gen|con|all|air|ves|cnt)_(val|cif|cha)(_e)?_(mo|yr)$/.test(x));
    if (!value) return undefined;
    if (n.has('port')) return 'port';
    if (n.has('district')) return 'district';
    return n.has('e_commodity') || [...n].some((x) => x.startsWith('all_val')) ? 'exports' : 'imports';
  },
  columns: {
    year: ['YEAR'],
    month: ['MONTH'],
    period: ['time'],
    partner_code: ['CTY_CODE'],
    partner: ['CTY_NAME'],
    code: ['I_COMMODITY', 'E_COMMODITY'],
    level: ['SUMMARY_LVL'],
  },
  measures: censusMeasures(),
  codes: 'census',
  dimensions: [
    { label: 'port', headers: ['PORT'], totals: ['-'] },
    { label: 'district', headers: ['DISTRICT'], totals: ['-'] },
    { label: 'rate provision', headers: ['RP'], totals: ['-'] },
    { label: 'country subcode', headers: ['CTY_SUBCODE'], totals: ['-'] },
  ],
  classification: 'HS',
  // The imports endpoints hold US imports only, the exports endpoints US exports.
  constants: (variant) => ({ reporter: 'US', flow: variant === 'exports' ? 'exports' : 'imports' }),
  echoes: true,
  expects: 'US Census API: CTY_CODE, CTY_NAME, I_COMMODITY, YEAR, MONTH, GEN_VAL_MO / GEN_VAL_YR',
  docs: 'docs/sources/census.md',
};
