import type { TrendResult } from '../core/trend/index.js';
import { type CsvRecords, withContext } from './render.js';

/** One CSV record per partner and year (then the total's), raw numbers, empty cells in gaps. */
export function trendCsv(r: TrendResult): CsvRecords {
  const q = r.query;
  return withContext(
    [
      ['category', q.category],
      ['flow', q.flow],
      ['reporter', q.reporter],
      ['basis', r.valueBasis.join('; ') || null],
    ],
    trendRecords(r),
  );
}

function trendRecords(r: TrendResult): CsvRecords {
  const header = [
    'kind',
    'partner_code',
    'partner_name',
    'year',
    'value_usd',
    'share',
    'rank',
    'change_usd',
    'change_fraction',
    'share_change_pp',
    'gap',
  ];
  const k = r.concentration;
  if (k) header.push('hhi', 'hhi_band', 'top1_share', 'top5_share', 'partners', 'itemized_share_of_total');
  // Last, so every column before keeps its place: whom the year's ranks are among, as in share's CSV.
  header.push('rank_scope', 'listed_partners');
  const ranksOf = (i: number) => {
    const ranks = r.total.points[i]?.ranks;
    return [ranks?.scope ?? null, ranks?.listed ?? null];
  };
  const records: CsvRecords['records'] = [];
  for (const s of r.series) {
    for (const [i, p] of s.points.entries()) {
      const rec = [
        'partner',
        s.code,
        s.name,
        p.year,
        p.valueUsd,
        p.share,
        p.rank,
        p.changeUsd,
        p.changeFraction,
        p.shareChangePp,
        p.gap,
      ];
      if (k) rec.push(null, null, null, null, null, null);
      rec.push(...ranksOf(i));
      records.push(rec);
    }
  }
  r.total.points.forEach((p, i) => {
    const rec = [
      'total',
      null,
      'Total',
      p.year,
      p.valueUsd,
      p.valueUsd === null || p.valueUsd === 0 ? null : 1,
      null,
      p.changeUsd,
      p.changeFraction,
      null,
      p.gap,
    ];
    const kp = k?.[i];
    if (kp) rec.push(kp.hhi, kp.band, kp.top1Share, kp.top5Share, kp.partners, kp.itemizedShareOfTotal);
    rec.push(...ranksOf(i));
    records.push(rec);
  });
  return { header, records };
}
