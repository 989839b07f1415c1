import type { Dimension, Measure, SourceProfile } from './types.js';

/** Comtrade's value columns: primaryValue is CIF for imports and FOB for exports, as each reporter gives it. */
export const COMTRADE_MEASURES: readonly Measure[] = [
  {
    header: 'primaryValue',
    basis: 'UN Comtrade primary value (imports CIF, exports FOB)',
    default: true,
  },
  { header: 'cifvalue', basis: 'UN Comtrade CIF value' },
  { header: 'fobvalue', basis: 'UN Comtrade FOB value' },
];

/** Comtrade Plus's hidden dimensions, under their Plus names; each has a total member. */
export const COMTRADE_PLUS_DIMENSIONS: readonly Dimension[] = [
  { label: 'second partner', headers: ['partner2Code'], totals: ['0'] },
  { label: 'customs procedure', headers: ['customsCode'], totals: ['C00'] },
  { label: 'mode of transport', headers: ['motCode'], totals: ['0'] },
  { label: 'mode of supply', headers: ['mosCode'], totals: ['0'] },
];

/**
 * UN Comtrade Plus (the v1 API and the web portal's CSV download; comtradeapicall writes the same columns,
 * with the descriptions left empty). Portal downloads are Windows-1252 with a trailing comma on each row.
 */
export const comtradePlus: SourceProfile = {
  name: 'comtrade-plus',
  label: 'UN Comtrade Plus (v1 API)',
  // One form: the portal's download and the API's answer (comtradeapicall leaves the descriptions empty)
  // have the same header.
  detect: (h) => {
    const n = h.names;
    return n.has('refyear') && (n.has('primaryvalue') || n.has('cifvalue') || n.has('fobvalue'))
      ? ''
      : undefined;
  },
  columns: {
    year: ['refYear'],
    month: ['refMonth'],
    period: ['period'],
    reporter: ['reporterISO'],
    reporter_code: ['reporterCode'],
    partner_iso: ['partnerISO'],
    partner_code: ['partnerCode'],
    partner: ['partnerDesc'],
    flow: ['flowCode'],
    flow_text: ['flowDesc'],
    code: ['cmdCode'],
    classification: ['classificationCode'],
  },
  measures: COMTRADE_MEASURES,
  codes: 'comtrade',
  dimensions: COMTRADE_PLUS_DIMENSIONS,
  encoding: 'windows-1252',
  expects: 'UN Comtrade Plus: refYear, flowCode, partnerCode, cmdCode, primaryValue',
  docs: 'docs/sources/comtrade-plus.md',
};
