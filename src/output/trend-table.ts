import type { TrendResult } from '../core/trend/index.js';
import { analysisTitle } from './footer.js';
import { humanUsd, millionsUsd, percent, signedPercent, sparkline } from './format.js';
import { rankCell } from './ranks.js';
import type { UnitStyle } from './render.js';
import type { TextTable } from './text-table.js';
import { trendFooter } from './trend-footer.js';
import { cagrText, ppText, seriesVerdict, totalVerdict } from './trend-words.js';

/** The people's table: per partner a value row (with sparkline, CAGR, share change and verdict), then share, rank and change rows. */
export function trendTable(r: TrendResult, view: { units: UnitStyle; ascii: boolean }): TextTable {
  const q = r.query;
  const money = view.units === 'millions' ? millionsUsd : humanUsd;
  const valueLabel = view.units === 'millions' ? 'US$ m' : 'value';
  const columns: TextTable['columns'] = [
    { head: 'Partner', align: 'left' },
    { head: '', align: 'left' },
    ...r.total.points.map((p) => ({ head: `${p.year}${p.partOfYear ? '*' : ''}`, align: 'right' as const })),
    { head: 'Trend', align: 'left' },
    { head: 'CAGR', align: 'right' },
    { head: 'Share Δ', align: 'right' },
    { head: 'Verdict', align: 'left' },
  ];
  const blanks = (k: number) => Array.from({ length: k }, () => '');
  const line = (
    first: string,
    label: string,
    cells: string[],
    spark = '',
    tail: string[] = blanks(3),
  ): string[] => [first, label, ...cells, spark, ...tail];
  const rows: string[][] = [];
  const dim = new Set<number>();
  for (const s of r.series) {
    const name = /^[A-Z]{2}$/.test(s.code) ? `${s.name} (${s.code})` : s.name;
    const pts = s.points;
    rows.push(
      line(
        name,
        valueLabel,
        pts.map((p) => (p.valueUsd === null ? '–' : money(p.valueUsd))),
        sparkline(
          pts.map((p) => (p.valueUsd === null ? null : Number(p.valueUsd))),
          view.ascii,
        ),
        [cagrText(s.cagr), ppText(s.shareChangePp), seriesVerdict(s)],
      ),
    );
    rows.push(
      line(
        '',
        'share',
        pts.map((p) => percent(p.share)),
        sparkline(
          pts.map((p) => p.share),
          view.ascii,
        ),
      ),
    );
    dim.add(
      rows.push(
        line(
          '',
          'rank',
          pts.map((p, i) => {
            const ranks = r.total.points[i]?.ranks;
            // "1 of 10 listed" when the year's data itemizes part of its total; "1" when all of it.
            return p.rank === null
              ? '–'
              : ranks?.scope === 'listed'
                ? rankCell(p.rank, ranks)
                : String(p.rank);
          }),
        ),
      ) - 1,
    );
    dim.add(
      rows.push(
        line(
          '',
          'change',
          pts.map((p) => signedPercent(p.changeFraction)),
        ),
      ) - 1,
    );
  }
  const t = r.total;
  const bases = new Set(t.points.map((p) => p.basis).filter((b) => b !== null));
  const totalLabel =
    bases.size !== 1 ? 'Total' : bases.has('reported-total') ? 'Total (reported)' : 'Total (sum of partners)';
  const footRows = [
    line(
      totalLabel,
      valueLabel,
      t.points.map((p) => (p.valueUsd === null ? '–' : money(p.valueUsd))),
      sparkline(
        t.points.map((p) => (p.valueUsd === null ? null : Number(p.valueUsd))),
        view.ascii,
      ),
      [cagrText(t.cagr), '', totalVerdict(t)],
    ),
    line(
      '',
      'change',
      t.points.map((p) => signedPercent(p.changeFraction)),
    ),
  ];
  const k = r.concentration;
  if (k) {
    footRows.push(
      line(
        'Concentration',
        'HHI',
        k.map((p) => {
          if (p.hhi === null) return '–';
          const text = `${Math.round(p.hhi).toLocaleString('en-US')} ${p.band}`;
          return (p.itemizedShareOfTotal ?? 1) < 0.5 ? `(${text})` : text;
        }),
        sparkline(
          k.map((p) => p.hhi),
          view.ascii,
        ),
      ),
      line(
        '',
        'top 1',
        k.map((p) => percent(p.top1Share, 1)),
      ),
      line(
        '',
        'top 5',
        k.map((p) => percent(p.top5Share, 1)),
      ),
      line(
        '',
        'partners',
        k.map((p) => (p.partners === null ? '–' : String(p.partners))),
      ),
    );
  }
  const title = analysisTitle(
    q,
    r.category.label,
    q.from === q.to ? String(q.from) : `${q.from}-${q.to}`,
    r.sources,
  );
  return {
    title,
    columns,
    keyColumns: 2,
    rows,
    footRows,
    dim,
    footer: trendFooter(r),
  };
}
