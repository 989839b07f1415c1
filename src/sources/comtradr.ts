import { COMTRADE_MEASURES } from './comtrade-plus.js';
import type { SourceProfile } from './types.js';

/**
 * Output of the R package comtradr: `ct_get_data()` (1.x) writes Comtrade Plus's columns in snake_case;
 * the older `ct_search()` (0.x) wrote the legacy columns in snake_case (`trade_flow_code`,
 * `trade_value_usd`). R's `write.csv` adds a row-names column and writes NA for missing.
 */
export const comtradr: SourceProfile = {
  name: 'comtradr',
  label: 'UN Comtrade via comtradr (R, snake_case)',
  detect: (h) => {
    const n = h.names;
    if (n.has('ref_year') && (n.has('primary_value') || n.has('cifvalue') || n.has('fobvalue')))
      return 'ct_get_data';
    if (n.has('trade_value_usd') && (n.has('trade_flow_code') || n.has('trade_flow'))) return 'ct_search';
    return undefined;
  },
  columns: {
    year: ['ref_year', 'year'],
    month: ['ref_month'],
    period: ['period'],
    reporter: ['reporter_iso', 'reporter'],
    reporter_code: ['reporter_code'],
    partner_iso: ['partner_iso'],
    partner_code: ['partner_code'],
    partner: ['partner_desc', 'partner'],
    flow: ['flow_code', 'trade_flow_code'],
    flow_text: ['flow_desc', 'trade_flow'],
    code: ['cmd_code', 'commodity_code'],
    classification: ['classification_code', 'classification'],
  },
  measures: [
    ...COMTRADE_MEASURES.map((m) => ({
      ...m,
      header: m.header === 'primaryValue' ? 'primary_value' : m.header,
    })),
    {
      header: 'trade_value_usd',
      basis: 'UN Comtrade trade value (imports CIF, exports FOB)',
      default: true,
    },
    { header: 'cif_trade_value_usd', basis: 'UN Comtrade CIF value' },
    { header: 'fob_trade_value_usd', basis: 'UN Comtrade FOB value' },
  ],
  codes: 'comtrade',
  dimensions: [
    {
      label: 'second partner',
      headers: ['partner2code', 'partner2_code', 'second_partner_code'],
      totals: ['0'],
    },
    { label: 'customs procedure', headers: ['customs_code', 'customs_proc_code'], totals: ['C00'] },
    { label: 'mode of transport', headers: ['mot_code', 'mode_of_transport_code'], totals: ['0'] },
    { label: 'mode of supply', headers: ['mos_code'], totals: ['0'] },
  ],
  expects:
    'comtradr: ref_year, flow_code, partner_iso, cmd_code, primary_value (or ct_search: trade_flow_code, trade_value_usd)',
  docs: 'docs/sources/comtradr.md',
};
