import type { Dimension, SourceProfile } from './types.js';

/** The legacy CSV's hidden dimensions (Comtrade Plus content under legacy names). */
const LEGACY_DIMENSIONS: readonly Dimension[] = [
  { label: 'second partner', headers: ['2nd Partner Code', 'ptCode2'], totals: ['0'] },
  { label: 'customs procedure', headers: ['Customs Proc. Code', 'cstCode'], totals: ['C00'] },
  { label: 'mode of transport', headers: ['Mode of Transport Code', 'motCode'], totals: ['0'] },
];

/**
 * The legacy UN Comtrade CSV (comtrade.un.org's export), also as served for Comtrade Plus data (where
 * `Trade Flow Code` is 0 and the flow is a Plus letter in `Trade Flow`), cut-down copies of it (a few of
 * its columns), and the legacy API's JSON fields (`rgCode`, `ptCode`, `TradeValue`) saved as CSV.
 */
export const comtradeLegacy: SourceProfile = {
  name: 'comtrade-legacy',
  label: 'UN Comtrade legacy CSV',
  detect: (h) => {
    const n = h.names;
    if (n.has('tradevalue') && n.has('rgcode') && n.has('ptcode')) return 'api';
    if (!n.has('trade value (us$)')) return undefined;
    const known = ['commodity code', 'trade flow code', 'trade flow', 'partner', 'partner iso', 'reporter'];
    if (!known.some((k) => n.has(k))) return undefined;
    return n.has('partner') || n.has('partner iso') || n.has('partner code') ? 'portal' : 'cut';
  },
  columns: {
    year: ['Year', 'yr'],
    period: ['Period', 'period'],
    reporter: ['Reporter ISO', 'rt3ISO', 'Reporter'],
    reporter_code: ['Reporter Code', 'rtCode'],
    partner_iso: ['Partner ISO', 'pt3ISO'],
    partner_code: ['Partner Code', 'ptCode'],
    partner: ['Partner', 'ptTitle'],
    flow: ['Trade Flow Code', 'rgCode'],
    flow_text: ['Trade Flow', 'rgDesc'],
    code: ['Commodity Code', 'cmdCode'],
    classification: ['Classification', 'pfCode'],
  },
  measures: [
    {
      header: 'Trade Value (US$)',
      basis: 'UN Comtrade trade value (imports CIF, exports FOB)',
      default: true,
    },
    { header: 'TradeValue', basis: 'UN Comtrade trade value (imports CIF, exports FOB)', default: true },
    { header: 'CIF Trade Value (US$)', basis: 'UN Comtrade CIF value' },
    { header: 'FOB Trade Value (US$)', basis: 'UN Comtrade FOB value' },
    { header: 'CIFValue', basis: 'UN Comtrade CIF value' },
    { header: 'FOBValue', basis: 'UN Comtrade FOB value' },
  ],
  codes: 'comtrade',
  dimensions: LEGACY_DIMENSIONS,
  classification: 'HS',
  encoding: 'windows-1252',
  noPartnerColumn: 'world',
  expects: 'UN Comtrade legacy: Year, Trade Flow Code, Partner ISO, Commodity Code, Trade Value (US$)',
  docs: 'docs/sources/comtrade-legacy.md',
};
