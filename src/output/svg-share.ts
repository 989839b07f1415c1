import type { ShareResult } from '../core/share/index.js';
import { listText } from '../model/caps.js';
import { analysisTitle } from './footer.js';
import { humanUsd, percent, sourceList } from './format.js';
import { periodLabel } from './periods.js';
import { xmlText } from './safe.js';
import { n, PALETTE, svgDocument, ticks } from './svg.js';

/**
 * A standalone horizontal bar chart of a share result: one bar per row (partners, folded partners,
 * remainder, not itemized), each bar's share of the total on a 0-100% axis, with its value, a title,
 * axis label, the source files, the value basis and the denominator. Accessible: role img, title, desc,
 * and a <title> on every bar.
 */
export function shareSvg(r: ShareResult): string {
  const q = r.query;
  const rows = r.rows;
  const left = 210;
  const barMax = 440;
  const rowH = 26;
  const top = 64;
  const plotH = Math.max(rows.length, 1) * rowH;
  const width = left + barMax + 150;
  const height = top + plotH + 96;
  const max = Math.max(...rows.map((row) => row.share ?? 0), 0.01);
  const axisMax =
    Math.min(1, ticks(max * 100, 5).at(-1) ?? 100) === 0
      ? 1
      : Math.min(1, (ticks(max * 100, 5).at(-1) ?? 100) / 100);
  const x = (share: number) => left + (Math.max(0, share) / axisMax) * barMax;
  const title = analysisTitle(q, r.category.label, periodLabel(q.span));
  const parts: string[] = [];
  parts.push(`  <text x="${left}" y="28" font-size="16" font-weight="bold">${xmlText(title)}</text>`);
  parts.push(
    `  <text x="${left}" y="48" fill="#444">${xmlText(`Share of the total, ${humanUsd(r.total.valueUsd)} (${r.total.basis === 'reported-total' ? 'reported World/total row' : 'sum of the listed partners'})`)}</text>`,
  );
  // Grid and axis.
  for (const t of ticks(axisMax * 100, 5)) {
    const gx = x(t / 100);
    if (gx > left + barMax + 0.5) continue;
    parts.push(`  <line x1="${n(gx)}" y1="${top - 4}" x2="${n(gx)}" y2="${top + plotH}" stroke="#e3e3e3"/>`);
    parts.push(
      `  <text x="${n(gx)}" y="${top + plotH + 16}" text-anchor="middle" fill="#444">${n(t)}%</text>`,
    );
  }
  parts.push(
    `  <text x="${left + barMax / 2}" y="${top + plotH + 36}" text-anchor="middle" fill="#222">Share of the total (%)</text>`,
  );
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const label =
      row.kind === 'partner' && row.code && /^[A-Z]{2}$/.test(row.code)
        ? `${row.name} (${row.code})`
        : row.name;
    const color = row.kind === 'partner' ? (row.highlighted ? PALETTE[1] : PALETTE[0]) : '#9aa5ab';
    const w = Math.max(0, x(row.share ?? 0) - left);
    const text = `${label}: ${humanUsd(row.valueUsd)}, ${percent(row.share)}`;
    parts.push(
      `  <text x="${left - 8}" y="${y + 17}" text-anchor="end"${row.highlighted ? ' font-weight="bold"' : ''}>${xmlText(label)}</text>`,
    );
    parts.push(
      `  <rect x="${left}" y="${y + 5}" width="${n(w)}" height="${rowH - 10}" fill="${color}"><title>${xmlText(text)}</title></rect>`,
    );
    parts.push(
      `  <text x="${n(left + w + 6)}" y="${y + 17}" fill="#222">${xmlText(`${percent(row.share)} · ${humanUsd(row.valueUsd)}`)}</text>`,
    );
  });
  parts.push(`  <line x1="${left}" y1="${top - 4}" x2="${left}" y2="${top + plotH}" stroke="#555"/>`);
  const files = listText(r.input.filesUsed);
  const basis = r.valueBasis.length ? r.valueBasis.join('; ') : 'value basis not stated in the data';
  const definition = r.category.dataDefinitions.length
    ? r.category.dataDefinitions.join('; ')
    : (r.category.hsDefinition ?? r.category.name);
  parts.push(
    `  <text x="12" y="${height - 34}" font-size="11" fill="#444">${xmlText(`Category: ${definition}. Basis: ${basis}.`)}</text>`,
  );
  parts.push(
    `  <text x="12" y="${height - 16}" font-size="11" fill="#444">${xmlText(`Source: ${files}${r.sources.length ? ` (${sourceList(r.sources)})` : ''}. Chart: korus-stats.`)}</text>`,
  );
  const description = `Horizontal bars: ${rows.map((row) => `${row.name} ${percent(row.share)}`).join('; ')}.`;
  return svgDocument({ width, height, title: title, description, body: parts.join('\n') });
}
