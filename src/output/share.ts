import type { ShareResult, ShareRow } from '../core/share/index.js';
import type { Usd } from '../model/usd.js';
import { analysisTitle, basisLine, categoryLine, filesLine, rowsLine } from './footer.js';
import { bar, counted, humanUsd, millionsUsd, percent, signedPercent } from './format.js';
import { noteJson } from './notes.js';
import { columnLabel, periodLabel } from './periods.js';
import { rankHead, ranksText } from './ranks.js';
import { type CsvRecords, type Renderable, type UnitStyle, withContext } from './render.js';
import { shareSvg } from './svg-share.js';
import type { TextTable } from './text-table.js';

/** The version of the `share` JSON shape (schemas/share.schema.json); bumped on any breaking change. */
export const SHARE_SCHEMA_VERSION = 1;

/** The share result as the documented JSON object: the periods as labels, the notes in words. */
export function shareJson(r: ShareResult): object {
  const { span, previousSpan, ...query } = r.query;
  return {
    schemaVersion: SHARE_SCHEMA_VERSION,
    command: 'share',
    ...r,
    query: {
      ...query,
      periodLabel: periodLabel(span),
      previousPeriodLabel: previousSpan ? periodLabel(previousSpan) : null,
    },
    notes: r.notes.map(noteJson),
  };
}

/** The formats of a share result: a table, and a bar chart (svg). */
import { SHARE_FORMATS } from './formats.js';

export { SHARE_FORMATS };

/** A share result in every format it offers, for render(). */
export function renderShare(r: ShareResult, units: UnitStyle = 'human', ascii = false): Renderable {
  return {
    command: 'share',
    formats: SHARE_FORMATS,
    json: () => shareJson(r),
    csv: () => shareCsv(r),
    table: () => shareTable(r, units, ascii),
    svg: () => shareSvg(r),
  };
}

/** The share rows as CSV records with raw numbers. */
export function shareCsv(r: ShareResult): CsvRecords {
  const q = r.query;
  return withContext(
    [
      ['year', q.year],
      ['period', q.period],
      ['category', q.category],
      ['flow', q.flow],
      ['reporter', q.reporter],
      ['basis', r.valueBasis.join('; ') || null],
    ],
    shareRecords(r),
  );
}

/** The share table's rows, one record each. */
function shareRecords(r: ShareResult): CsvRecords {
  return {
    header: [
      'rank',
      'kind',
      'partner_code',
      'partner_name',
      'value_usd',
      'share',
      'previous_value_usd',
      'change_usd',
      'change_fraction',
      'highlighted',
      'rank_scope',
      'listed_partners',
    ],
    records: r.rows.map((row) => [
      row.rank,
      row.kind,
      row.code,
      row.name,
      row.valueUsd,
      row.share,
      row.previousValueUsd,
      row.changeUsd,
      row.changeFraction,
      row.highlighted,
      r.ranks.scope,
      r.ranks.listed,
    ]),
  };
}

/** The people's table for a share result: rows, total and the footer that states every choice made. */
export function shareTable(r: ShareResult, units: UnitStyle, ascii = false): TextTable {
  const q = r.query;
  const money = units === 'millions' ? millionsUsd : humanUsd;
  const moneyHead = units === 'millions' ? ' (US$ m)' : '';
  const hasPrev = q.previousYear !== null;
  // Fewer than two listed partners: nothing is ranked, and no rank column says otherwise.
  const ranked = r.ranks.scope !== 'none';
  const columns: TextTable['columns'] = [
    ...(ranked ? [{ head: rankHead(r.ranks), align: 'right' as const }] : []),
    { head: r.query.by === 'reporter' ? 'Reporter' : 'Partner', align: 'left' },
    { head: `${columnLabel(q.span)}${moneyHead}`, align: 'right' },
    { head: 'Share', align: 'right' },
    { head: '', align: 'left' },
  ];
  if (q.previousSpan) {
    columns.push({ head: `${columnLabel(q.previousSpan)}${moneyHead}`, align: 'right' });
    columns.push({ head: 'Change', align: 'right' });
  }
  const cells = (
    row: ShareRow | null,
    name: string,
    value: Usd,
    share: number | null,
    rank: number | null,
    prevValue: Usd | null,
    changeFraction: number | null,
  ): string[] => {
    const out = [
      ...(ranked ? [rank === null ? '' : String(rank)] : []),
      name,
      money(value),
      percent(share),
      row ? bar(share, 20, ascii) : '',
    ];
    if (hasPrev)
      out.push(
        prevValue === null ? '–' : money(prevValue),
        row?.kind === 'not-itemized' ? '' : signedPercent(changeFraction),
      );
    return out;
  };
  const rows: string[][] = [];
  const dim = new Set<number>();
  let highlight: number | undefined;
  r.rows.forEach((row, i) => {
    const name =
      row.kind === 'partner' && /^[A-Z]{2}$/.test(row.code ?? '') ? `${row.name} (${row.code})` : row.name;
    rows.push(
      cells(
        row,
        row.highlighted ? `▶ ${name}` : name,
        row.valueUsd,
        row.share,
        row.rank,
        row.previousValueUsd,
        row.changeFraction,
      ),
    );
    if (row.highlighted) highlight = i;
    if (row.kind !== 'partner') dim.add(i);
  });
  const t = r.total;
  const whose = r.query.by === 'reporter' ? 'reporters' : 'partners';
  const totalLabel = t.basis === 'reported-total' ? 'Total (reported)' : `Total (sum of ${whose})`;
  const footRows = [
    cells(
      null,
      totalLabel,
      t.valueUsd,
      t.valueUsd === 0 ? null : 1,
      null,
      t.previousValueUsd,
      t.changeFraction,
    ),
  ];

  const title = analysisTitle(q, r.category.label, periodLabel(q.span), r.sources);
  return {
    title,
    columns,
    rows,
    footRows,
    highlight,
    dim,
    footer: shareFooter(r),
  };
}

/** The footer lines: category definition, value basis, denominator, sources and the row accounting. */
export function shareFooter(r: ShareResult): Array<[string, string]> {
  const cat = r.category;
  const lines: Array<[string, string]> = [];
  lines.push(categoryLine(cat));
  lines.push(basisLine(r.valueBasis));
  const t = r.total;
  const total =
    t.basis === 'reported-total'
      ? `reported World/total row, ${humanUsd(t.valueUsd)}; listed partners ${humanUsd(t.itemizedUsd)}` +
        (t.remainderUsd
          ? `, ${r.rows.some((x) => x.kind === 'remainder' && x.code !== null) ? 'remainders (areas that are no country, "all other")' : '"all other" as reported'} ${humanUsd(t.remainderUsd)}`
          : '') +
        `, not itemized ${humanUsd(t.notItemizedUsd)}`
      : r.query.by === 'reporter'
        ? `sum of the listed reporters' ${r.query.flow} ${r.query.flow.includes('import') ? 'from' : 'to'} ${r.query.partner} (each reporter's own figure), ${humanUsd(t.valueUsd)}`
        : `sum of the listed partners${t.remainderUsd ? ' and the reported remainder' : ''} (the data has no World/total row), ${humanUsd(t.valueUsd)}`;
  lines.push(['Total', total]);
  const ranks = ranksText(r.ranks, r.query.by);
  if (ranks) lines.push(['Ranks', ranks]);
  // Pseudo-partners (Comtrade's Areas nes, Bunkers; WITS's Unspecified): the rule applied to them.
  const pseudo = r.rows.filter((x) => x.kind === 'remainder' && x.code !== null).map((x) => x.name);
  if (pseudo.length) {
    lines.push([
      'Not countries',
      `${pseudo.join('; ')}: areas a source names that are no country, each its own row, counted in the total as ${t.basis === 'reported-total' ? 'part of the reported World row' : 'part of the sum'}, never ranked as partners`,
    ]);
  }
  const groups = r.input.aggregateGroups;
  if (groups) {
    lines.push([
      'Groups',
      `${counted(groups, 'row')} of country groups and regions (EU, World Bank regions, Census groups) left out: never partners, never added`,
    ]);
  }
  lines.push(filesLine(r.input));
  const k = r.concentration;
  if (k.hhi !== null) {
    const part = k.itemizedShareOfTotal ?? 1;
    const hhi = Math.round(k.hhi).toLocaleString('en-US');
    const covers =
      part < 0.9999 ? `; covers the itemized partners only (${percent(part, 1)} of the total)` : '';
    lines.push([
      'Concentration',
      part < 0.5
        ? `not meaningful: the itemized partners are ${percent(part, 1)} of the total (HHI of those alone: ${hhi})`
        : `HHI ${hhi} (${k.band}); top 1 ${percent(k.top1Share, 1)}, top 5 ${percent(k.top5Share, 1)} of the total; ${k.partners} partner${k.partners === 1 ? '' : 's'}${covers}`,
    ]);
  }
  lines.push(rowsLine(r.input));
  return lines;
}
