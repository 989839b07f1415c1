import type { TrendPoint, TrendResult } from '../core/trend/index.js';
import { listText } from '../model/caps.js';
import { analysisTitle } from './footer.js';
import { humanUsd, percent, sourceList } from './format.js';
/** What a trend chart plots: the partners' values (default) or their shares of each year's total. */
import type { TrendMeasure } from './formats.js';
import { xmlText } from './safe.js';
import { n, PALETTE, svgDocument, ticks } from './svg.js';
import { seriesVerdict } from './trend-words.js';

export { TREND_MEASURES, type TrendMeasure } from './formats.js';

// Lines differ by dash as well as hue, so they are told apart in grey print and by colour-blind readers.
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];

/**
 * A standalone line chart of a trend: one line per partner over the years (values in US$, or shares in
 * %), a gap in the data drawn as a break in the line, a dot on every year with a figure, axis labels
 * with units, a legend, and the category, value basis and source files below. Accessible: role img,
 * title, desc, and a <title> on every line and dot.
 */
export function trendSvg(r: TrendResult, measure: TrendMeasure): string {
  const q = r.query;
  const years = r.years;
  const value = (p: TrendPoint): number | null =>
    measure === 'share'
      ? p.share === null
        ? null
        : p.share * 100
      : p.valueUsd === null
        ? null
        : Number(p.valueUsd);
  const all = r.series.flatMap((s) => s.points.map(value)).filter((v): v is number => v !== null);
  const max = Math.max(0, ...all);
  const unit =
    measure === 'share'
      ? { div: 1, axis: 'Share of the total (%)', tick: (v: number) => `${n(v)}%` }
      : max >= 1e9
        ? { div: 1e9, axis: 'Value (US$ bn)', tick: (v: number) => n(v) }
        : max >= 1e6
          ? { div: 1e6, axis: 'Value (US$ m)', tick: (v: number) => n(v) }
          : { div: 1, axis: 'Value (US$)', tick: (v: number) => n(v) };
  const steps = ticks(max / unit.div, 5);
  const axisMax = steps[steps.length - 1] || 1;

  const left = 76;
  const top = 70;
  const plotW = 500;
  const legendX = left + plotW + 28;
  const width = legendX + 200;
  const plotH = Math.max(280, r.series.length * 22 + 20);
  const pad = 18;
  const x = (year: number): number => {
    const i = years.indexOf(year);
    return years.length < 2 ? left + plotW / 2 : left + pad + (i / (years.length - 1)) * (plotW - 2 * pad);
  };
  const y = (v: number): number => top + plotH - (Math.max(0, v / unit.div) / axisMax) * plotH;

  const what = measure === 'share' ? 'share of the total' : 'value';
  const title = analysisTitle(
    q,
    r.category.label,
    `${what}, ${q.from === q.to ? q.from : `${q.from}-${q.to}`}`,
  );
  const bases = new Set(r.total.points.map((p) => p.basis).filter((b) => b !== null));
  const denominator =
    bases.size === 1 && bases.has('reported-total')
      ? 'reported World/total row'
      : bases.size === 1
        ? 'sum of the listed partners'
        : 'reported World/total row where the data has one, else the sum of the listed partners';
  const subtitle =
    measure === 'share'
      ? `Share of each year's total (${denominator}), %`
      : `Value by year, ${unit.axis.replace(/^Value \((.*)\)$/, '$1')}${r.valueBasis.length ? `, ${r.valueBasis.join('; ')}` : ''}`;

  const parts: string[] = [];
  parts.push(`  <text x="${left}" y="28" font-size="16" font-weight="bold">${xmlText(title)}</text>`);
  parts.push(`  <text x="${left}" y="48" fill="#444">${xmlText(subtitle)}</text>`);
  // Grid, y ticks and the y axis label.
  for (const t of steps) {
    const gy = n(y(t * unit.div));
    parts.push(`  <line x1="${left}" y1="${gy}" x2="${left + plotW}" y2="${gy}" stroke="#e3e3e3"/>`);
    parts.push(
      `  <text x="${left - 8}" y="${n(Number(gy) + 4)}" text-anchor="end" fill="#444">${xmlText(unit.tick(t))}</text>`,
    );
  }
  const midY = top + plotH / 2;
  parts.push(
    `  <text x="18" y="${n(midY)}" transform="rotate(-90 18 ${n(midY)})" text-anchor="middle" fill="#222">${xmlText(unit.axis)}</text>`,
  );
  // X axis: the years (every k-th when there are many), and its label.
  const every = Math.ceil(years.length / 12);
  const partOfYear = new Map(r.total.points.map((p) => [p.year, p.partOfYear]));
  years.forEach((yr, i) => {
    if (i % every !== 0 && i !== years.length - 1) return;
    parts.push(
      `  <text x="${n(x(yr))}" y="${top + plotH + 18}" text-anchor="middle" fill="#444">${yr}${partOfYear.get(yr) ? '*' : ''}</text>`,
    );
  });
  parts.push(
    `  <line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#555"/>`,
  );
  parts.push(
    `  <text x="${left + plotW / 2}" y="${top + plotH + 38}" text-anchor="middle" fill="#222">Year</text>`,
  );

  // One line per partner: a path broken at every gap, a dot on every figure.
  r.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    const dash = DASHES[i % DASHES.length] as string;
    const label = /^[A-Z]{2}$/.test(s.code) ? `${s.name} (${s.code})` : s.name;
    let d = '';
    let open = false;
    for (const p of s.points) {
      const v = value(p);
      if (v === null) {
        open = false;
        continue;
      }
      d += `${open ? ' L' : `${d ? ' ' : ''}M`}${n(x(p.year))} ${n(y(v))}`;
      open = true;
    }
    parts.push(
      `  <path class="series" data-partner="${xmlText(s.code)}" d="${d}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${xmlText(`${label}: ${seriesVerdict(s)}`)}</title></path>`,
    );
    for (const p of s.points) {
      const v = value(p);
      if (v === null || p.valueUsd === null) continue;
      parts.push(
        `  <circle cx="${n(x(p.year))}" cy="${n(y(v))}" r="3.5" fill="${color}"><title>${xmlText(`${label}, ${p.year}: ${humanUsd(p.valueUsd)}, ${percent(p.share)} of the total`)}</title></circle>`,
      );
    }
    const ly = top + 8 + i * 22;
    parts.push(
      `  <line x1="${legendX}" y1="${ly}" x2="${legendX + 26}" y2="${ly}" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    parts.push(`  <text x="${legendX + 34}" y="${ly + 4}" fill="#222">${xmlText(label)}</text>`);
  });

  const gaps = r.series.some((s) => s.points.some((p) => value(p) === null));
  const definition = r.category.dataDefinitions.length
    ? r.category.dataDefinitions.join('; ')
    : (r.category.hsDefinition ?? r.category.name);
  const basis = r.valueBasis.length ? r.valueBasis.join('; ') : 'value basis not stated in the data';
  const foot = wrap(
    [
      `Category: ${definition}.`,
      `Basis: ${basis}.${measure === 'share' ? ` Shares of the ${denominator}.` : ''}`,
      `Source: ${listText(r.input.filesUsed)}${r.sources.length ? ` (${sourceList(r.sources)})` : ''}.`,
      gaps ? 'A break in a line: no figure for that year.' : '',
      ...r.total.points.filter((p) => p.partOfYear).map((p) => `${p.year}*: ${p.partOfYear}.`),
      'Chart: korus-stats.',
    ]
      .filter(Boolean)
      .join(' '),
    Math.floor((width - 24) / 6.2),
  );
  const height = top + plotH + 72 + foot.length * 18;
  foot.forEach((text, i) => {
    parts.push(
      `  <text x="12" y="${height - 16 - (foot.length - 1 - i) * 18}" font-size="11" fill="#444">${xmlText(text)}</text>`,
    );
  });
  const description = `Line chart, one line per partner, of the ${what} by year from ${q.from} to ${q.to}. ${r.series
    .map((s) => {
      const first = s.points.find((p) => p.year === s.firstYear);
      const last = s.points.find((p) => p.year === s.lastYear);
      const fmt = (p: TrendPoint | undefined) =>
        p?.valueUsd == null ? '–' : measure === 'share' ? percent(p.share) : humanUsd(p.valueUsd);
      return `${s.name}: ${fmt(first)} in ${s.firstYear} to ${fmt(last)} in ${s.lastYear}, ${seriesVerdict(s)}`;
    })
    .join('. ')}.`;
  return svgDocument({ width, height, title, description, body: parts.join('\n') });
}

/** Lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
