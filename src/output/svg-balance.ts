import type { BalanceResult } from '../core/balance/index.js';
import { toNumber } from '../model/usd.js';
import { balanceTitle, balanceVerdict } from './balance-words.js';
import { humanUsd, sourceList } from './format.js';
import { xmlText } from './safe.js';
import { n, PALETTE, svgDocument, ticks } from './svg.js';

/**
 * A standalone chart of diverging bars: one bar per row (partner, category or year) from a zero line, to
 * the right for a surplus and to the left for a deficit, labelled with the balance; rows without both flows
 * are listed with "no balance" and no bar. Title, each flow's basis and the files below. Accessible: role
 * img, title, desc, and a <title> on every bar.
 */
export function balanceSvg(r: BalanceResult): string {
  const rows = r.rows;
  const left = 230;
  const plotW = 480;
  const rowH = 26;
  const top = 64;
  const plotH = Math.max(rows.length, 1) * rowH;
  const width = left + plotW + 150;
  const height = top + plotH + 112;
  const values = rows.map((row) => (row.balanceUsd === null ? null : toNumber(row.balanceUsd)));
  const known = values.filter((v): v is number => v !== null);
  const neg = Math.max(0, ...known.map((v) => -v));
  const pos = Math.max(0, ...known.map((v) => v));
  const span = neg + pos || 1;
  // The zero line sits where the deficits' and surpluses' largest bars leave it.
  const zero = left + (neg / span) * plotW;
  const x = (v: number) => zero + (v / span) * plotW;
  const title = balanceTitle(r);
  const parts: string[] = [];
  parts.push(`  <text x="12" y="28" font-size="16" font-weight="bold">${xmlText(title)}</text>`);
  parts.push(
    `  <text x="12" y="48" fill="#444">${xmlText('Balance = exports minus imports (deficits left, surpluses right)')}</text>`,
  );
  const step = ticks(Math.max(neg, pos), 4)[1] ?? span;
  for (let t = -Math.ceil(neg / step) * step; t <= pos + step * 1e-9; t += step) {
    const gx = x(t);
    if (gx < left - 0.5 || gx > left + plotW + 0.5) continue;
    parts.push(`  <line x1="${n(gx)}" y1="${top - 4}" x2="${n(gx)}" y2="${top + plotH}" stroke="#e3e3e3"/>`);
    parts.push(
      `  <text x="${n(gx)}" y="${top + plotH + 16}" text-anchor="middle" fill="#444">${xmlText(humanUsd(t))}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const label =
      row.kind === 'partner' && /^[A-Z]{2}$/.test(row.code) ? `${row.name} (${row.code})` : row.name;
    parts.push(
      `  <text x="${left - 8}" y="${y + 17}" text-anchor="end"${row.highlighted ? ' font-weight="bold"' : ''}>${xmlText(label)}</text>`,
    );
    const v = values[i];
    if (v === null || v === undefined) {
      const lacking = row.missing.map((m) => m.flow).join(' or ');
      parts.push(
        `  <text x="${n(zero + 6)}" y="${y + 17}" fill="#777">${xmlText(`no balance (no ${lacking})`)}</text>`,
      );
      return;
    }
    const x0 = Math.min(zero, x(v));
    const w = Math.abs(x(v) - zero);
    const color = v < 0 ? PALETTE[1] : PALETTE[0];
    const text = `${label}: balance ${humanUsd(row.balanceUsd ?? 0)} (exports ${humanUsd(row.exportsUsd ?? 0)}, imports ${humanUsd(row.importsUsd ?? 0)})`;
    parts.push(
      `  <rect x="${n(x0)}" y="${y + 5}" width="${n(w)}" height="${rowH - 10}" fill="${color}"${row.countedInTotal ? '' : ' fill-opacity="0.45"'}><title>${xmlText(text)}</title></rect>`,
    );
    const tx = v < 0 ? x0 - 6 : x0 + w + 6;
    parts.push(
      `  <text x="${n(tx)}" y="${y + 17}" text-anchor="${v < 0 ? 'end' : 'start'}" fill="#222">${xmlText(humanUsd(row.balanceUsd ?? 0))}</text>`,
    );
  });
  parts.push(`  <line x1="${n(zero)}" y1="${top - 4}" x2="${n(zero)}" y2="${top + plotH}" stroke="#555"/>`);
  const basis = (f: BalanceResult['flows']['exports']) =>
    f.valueBasis.length ? f.valueBasis.join('; ') : 'basis not stated';
  const files = [...new Set([...r.flows.exports.filesUsed, ...r.flows.imports.filesUsed])];
  const sources = [...new Set([...r.flows.exports.sources, ...r.flows.imports.sources])];
  const verdict = balanceVerdict(r);
  const foot = [
    `Exports: ${basis(r.flows.exports)}. Imports: ${basis(r.flows.imports)}.`,
    ...(verdict ? [`Direction: ${verdict}.`] : []),
    `Source: ${files.join(', ')}${sources.length ? ` (${sourceList(sources)})` : ''}. Chart: korus-stats.`,
  ];
  foot.forEach((line, i) => {
    parts.push(
      `  <text x="12" y="${height - 16 - (foot.length - 1 - i) * 18}" font-size="11" fill="#444">${xmlText(line)}</text>`,
    );
  });
  const description = `Diverging bars of the balance: ${rows
    .map((row) => `${row.name} ${row.balanceUsd === null ? 'no balance' : humanUsd(row.balanceUsd)}`)
    .join('; ')}.`;
  return svgDocument({ width, height, title, description, body: parts.join('\n') });
}
