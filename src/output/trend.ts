import type { ChalkInstance } from 'chalk';
import { yearList } from '../core/share/index.js';
import { SHARE_FLAT_PP, type TrendResult, VALUE_FLAT_FRACTION } from '../core/trend.js';
import { analysisTitle, basisLine, categoryLine, filesLine } from './footer.js';
import { humanUsd, millionsUsd, percent, signedPercent, sparkline } from './format.js';
import { noteJson } from './notes.js';
import { type Format, type Renderable, render, type TextTable, type UnitStyle } from './render.js';
import { type TrendMeasure, trendSvg } from './svg-trend.js';

/** The version of the `trend` JSON shape (schemas/trend.schema.json); bumped on any breaking change. */
export const TREND_SCHEMA_VERSION = 1;

/** How a trend is drawn: units in tables, ASCII sparklines, and what the SVG chart plots. */
export interface TrendView {
  units: UnitStyle;
  ascii: boolean;
  measure: TrendMeasure;
}

/** The trend result as the documented JSON object. */
export function trendJson(r: TrendResult): object {
  return { schemaVersion: TREND_SCHEMA_VERSION, command: 'trend', ...r, notes: r.notes.map(noteJson) };
}

/** Renders a trend in the chosen format (svg: a line chart). */
export function renderTrend(
  r: TrendResult,
  format: Format | 'svg',
  c: ChalkInstance,
  view: TrendView,
): string {
  if (format === 'svg') return trendSvg(r, view.measure);
  return render({ json: trendJson(r), csv: trendCsv(r), table: () => trendTable(r, view) }, format, c);
}

/** One CSV record per partner and year (then the total's), raw numbers, empty cells in gaps. */
export function trendCsv(r: TrendResult): Renderable['csv'] {
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
  const records: Renderable['csv']['records'] = [];
  for (const s of r.series) {
    for (const p of s.points) {
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
    records.push(rec);
  });
  return { header, records };
}

/** The people's table: per partner a value row (with sparkline, CAGR, share change and verdict), then share, rank and change rows. */
export function trendTable(r: TrendResult, view: TrendView): TextTable {
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
          pts.map((p) => p.valueUsd),
          view.ascii,
        ),
        [cagrText(s.cagr), ppText(s.shareChangePp), s.verdict],
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
          pts.map((p) => (p.rank === null ? '–' : String(p.rank))),
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
        t.points.map((p) => p.valueUsd),
        view.ascii,
      ),
      [cagrText(t.cagr), '', t.verdict],
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
    rows,
    footRows,
    dim,
    footer: trendFooter(r),
  };
}

/** The footer lines: category, basis, denominators, gaps, how changes and verdicts are read, files and rows. */
export function trendFooter(r: TrendResult): Array<[string, string]> {
  const cat = r.category;
  const lines: Array<[string, string]> = [];
  lines.push(categoryLine(cat));
  lines.push(basisLine(r.valueBasis));
  const byBasis = (basis: string) => r.total.points.filter((p) => p.basis === basis).map((p) => p.year);
  const reported = byBasis('reported-total');
  const summed = byBasis('sum-of-partners');
  const totals = [
    reported.length ? `reported World/total row (${yearList(reported)})` : '',
    summed.length ? `sum of the listed partners, no World/total row (${yearList(summed)})` : '',
  ].filter(Boolean);
  lines.push(['Total', `${totals.join('; ')}; each share is of its own year's total`]);
  const noData = r.total.points.filter((p) => p.gap === 'no-data').map((p) => p.year);
  const failed = r.total.points.filter((p) => p.gap === 'not-computed').map((p) => p.year);
  const notListed = r.series.some((s) => s.points.some((p) => p.gap === 'not-listed'));
  if (noData.length || failed.length || notListed) {
    const why = [
      noData.length ? `no ${r.query.category} data for ${yearList(noData)}` : '',
      failed.length ? `${yearList(failed)} could not be computed (see the warnings)` : '',
      notListed ? "the year's data lists no figure for the partner" : '',
    ].filter(Boolean);
    lines.push(['Gaps', `– is no figure, never 0: ${why.join('; or ')}`]);
  }
  const parts = r.total.points.filter((p) => p.partOfYear !== null);
  if (parts.length) {
    lines.push([
      'Part year',
      `${parts.map((p) => `${p.year}* covers ${p.partOfYear}`).join('; ')}: left out of CAGR and Share Δ, which compare whole years`,
    ]);
  }
  lines.push([
    'Changes',
    'change: against the previous year (same months); CAGR and Share Δ: between the first and last years with a value',
  ]);
  lines.push([
    'Verdict',
    `a year-on-year share change within ±${SHARE_FLAT_PP} pp (value: ±${VALUE_FLAT_FRACTION * 100}%) is flat; rising or falling when more than half the changes in the range go that way and so does the whole range; flat when the whole range moves within the band; else mixed`,
  ]);
  const k = r.concentration;
  if (k) {
    const partial = k.filter(
      (p) => p.hhi !== null && p.itemizedShareOfTotal !== null && p.itemizedShareOfTotal < 0.9999,
    );
    const parts = partial.map((p) => p.itemizedShareOfTotal as number);
    const span =
      parts.length === 0
        ? ''
        : `; covers the itemized partners only in ${yearList(partial.map((p) => p.year))} (${percent(Math.min(...parts), 1)}${parts.length > 1 && Math.max(...parts) !== Math.min(...parts) ? `-${percent(Math.max(...parts), 1)}` : ''} of the total)`;
    const weak = k.some((p) => p.hhi !== null && (p.itemizedShareOfTotal ?? 1) < 0.5)
      ? '; in parentheses: not meaningful, the itemized partners are under half the total'
      : '';
    lines.push([
      'Concentration',
      `HHI of the itemized partners, 0-10,000 (under 1,500 low, 1,500-2,500 moderate, over 2,500 high); top 1 and top 5 are shares of the total${span}${weak}`,
    ]);
  }
  const i = r.input;
  lines.push(filesLine(i));
  const missing = Object.entries(i.missingByMarker)
    .map(([m, n]) => `${m === '' ? 'empty' : m} ${n}`)
    .join(', ');
  lines.push([
    'Rows',
    `${i.rowsRead} read = ${i.rowsUsed} used + ${i.rowsFiltered} filtered out + ${i.rowsMissing} missing${missing ? ` (${missing})` : ''} + ${i.rowsAggregate} aggregate (${i.aggregateTotals} total, ${i.aggregateGroups} group)`,
  ]);
  return lines;
}

/** A CAGR for people: +0.09%/yr. */
export function cagrText(v: number | null): string {
  if (v === null) return '–';
  const p = v * 100;
  return `${p > 0 ? '+' : p < 0 ? '-' : '±'}${Math.abs(p).toFixed(2)}%/yr`;
}

/** Percentage points for people: -1.99 pp. */
export function ppText(v: number | null): string {
  if (v === null) return '–';
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v).toFixed(2)} pp`;
}
