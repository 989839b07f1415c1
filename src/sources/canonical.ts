import type { SourceProfile } from './types.js';

/**
 * korus-stats' own layout (data/ is in it), and the fallback for a file no other profile recognises:
 * columns are found under these names, case-insensitively, the first present winning; `--columns
 * field=Header` names any other.
 */
export const canonical: SourceProfile = {
  name: 'canonical',
  label: 'canonical',
  detect: () => '',
  columns: {
    // Korean-language exports (K-stat) use 연도/년도 (year), 국가명/국가 (country), HS코드/품목코드.
    year: ['year', 'ref_year', 'refYear', 'yr', '연도', '년도'],
    partner: [
      'partner',
      'partner_name',
      'partner_desc',
      'partnerDesc',
      'country',
      'partner country',
      '국가명',
      '국가',
    ],
    partner_code: ['partner_code', 'partnerCode'],
    partner_iso: ['partner_iso', 'partnerISO', 'iso3'],
    value: [
      'value',
      'value_usd',
      'value_usd_million',
      'value_usd_thousand',
      'value_usd_billion',
      'trade_value',
      'primary_value',
      'primaryValue',
    ],
    category: ['category', 'product_category'],
    code: ['hs_code', 'hs', 'hts_code', 'cmd_code', 'cmdCode', 'commodity_code', 'hs코드', '품목코드'],
    classification: ['classification'],
    reporter: ['reporter', 'reporter_iso', 'reporterISO', 'reporter_desc', 'reporterDesc'],
    flow: ['flow', 'flow_code', 'flowCode', 'trade flow', 'trade_flow', 'flow_desc', 'flowDesc'],
    source: ['source'],
    basis: ['basis', 'value_basis'],
    definition: ['definition', 'category_definition'],
    month: ['month', 'ref_month', 'refMonth'],
    period: ['period'],
    unit: ['unit'],
  },
  anyMeasure: true,
  codes: 'any',
  expects: 'canonical: year, partner, value, and category or hs_code (see README, "Input files")',
  docs: 'docs/sources/canonical.md',
};
