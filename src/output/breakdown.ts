import type { BreakdownCategory, BreakdownResult } from '../core/breakdown/index.js';
import { filesLine } from './footer.js';
import { count, humanUsd, millionsUsd, percent, signedPercent, sourceList } from './format.js';
import { absentText } from './notes/breakdown.js';
import { noteJson } from './notes.js';
import { rankCell, ranksText } from './ranks.js';
import { type CsvRecords, type Renderable, type UnitStyle, withContext } from './render.js';
import type { TextTable } from './text-table.js';

/** The version of the `breakdown` JSON shape (schemas/breakdown.schema.json); bumped on any breaking change. */
export const BREAKDOWN_SCHEMA_VERSION = 1;

/** The breakdown as the documented JSON object. */
export function breakdownJson(r: BreakdownResult): object {
  return {
    schemaVersion: BREAKDOWN_SCHEMA_VERSION,
    command: 'breakdown',
    ...r,
    notes: r.notes.map(noteJson),
  };
}

/** The formats of a breakdown (no chart: a breakdown's categories overlap, so bars of them would mislead). */
import { BREAKDOWN_FORMATS } from './formats.js';

export { BREAKDOWN_FORMATS };

/** A breakdown in every format it offers, for render(). */
export function renderBreakdown(r: BreakdownResult, units: UnitStyle = 'human'): Renderable {
  return {
    command: 'breakdown',
    formats: BREAKDOWN_FORMATS,
    json: () => breakdownJson(r),
    csv: () => breakdownCsv(r),
    table: () => breakdownTable(r, units),
  };
}

/** One CSV record per listed category, raw numbers; the partner and year on every record. */
export function breakdownCsv(r: BreakdownResult): CsvRecords {
  const q = r.query;
  return withContext(
    [
      ['flow', q.flow],
      ['reporter', q.reporter],
      ['basis', r.partnerTotal.valueBasis.join('; ') || null],
    ],
    breakdownRecords(r),
  );
}

function breakdownRecords(r: BreakdownResult): CsvRecords {
  return {
    header: [
      'partner_code',
      'year',
      'category',
      'matched_by',
      'hs_prefixes',
      'sources',
      'value_usd',
      'share_of_partner_total',
      'share_of_category',
      'category_total_usd',
      'category_total_basis',
      'rank',
      'partners',
      'previous_value_usd',
      'change_usd',
      'change_fraction',
      'within',
      'counted_in_total',
      'rank_scope',
    ],
    records: r.categories.map((k) => [
      r.partner.code,
      r.query.year,
      k.name,
      k.definition.matchedBy.join(' '),
      k.definition.hsPrefixes.join(' '),
      k.sources.join(' '),
      k.valueUsd,
      k.shareOfPartnerTotal,
      k.shareOfCategory,
      k.categoryTotal.valueUsd,
      k.categoryTotal.basis,
      k.rank,
      k.partners,
      k.previousValueUsd,
      k.changeUsd,
      k.changeFraction,
      k.within.join(' '),
      k.countedInTotal,
      k.ranks.scope,
    ]),
  };
}

/** The people's table: one row per category, the partner's total below, the footer stating every choice. */
export function breakdownTable(r: BreakdownResult, units: UnitStyle): TextTable {
  const q = r.query;
  const money = units === 'millions' ? millionsUsd : humanUsd;
  const moneyHead = units === 'millions' ? ' (US$ m)' : '';
  const who = r.partner.kind === 'country' ? r.partner.name : `"${r.partner.name}"`;
  const hasPrev = q.previousYear !== null;
  // No category lists two partners: nothing is ranked, and no rank column says otherwise.
  const ranked = r.categories.some((k) => k.ranks.scope !== 'none');
  const columns: TextTable['columns'] = [
    { head: 'Category', align: 'left' },
    { head: 'Definition', align: 'left' },
    { head: `${q.year}${moneyHead}`, align: 'right' },
    { head: `Share of ${who}`, align: 'right' },
    { head: 'Share of category', align: 'right' },
    { head: `Category total${moneyHead}`, align: 'right' },
    ...(ranked ? [{ head: 'Rank', align: 'right' as const }] : []),
  ];
  if (hasPrev) {
    columns.push({ head: `${q.previousYear}${moneyHead}`, align: 'right' });
    columns.push({ head: 'Change', align: 'right' });
  }
  const dim = new Set<number>();
  const rows = r.categories.map((k, i) => {
    if (!k.countedInTotal) dim.add(i);
    const out = [
      k.within.length ? `${k.name} (within ${k.within.join(', ')})` : k.name,
      definitionCell(k),
      money(k.valueUsd),
      percent(k.shareOfPartnerTotal),
      percent(k.shareOfCategory),
      money(k.categoryTotal.valueUsd),
      ...(ranked ? [rankCell(k.rank, k.ranks)] : []),
    ];
    if (hasPrev)
      out.push(
        k.previousValueUsd === null ? '–' : money(k.previousValueUsd),
        signedPercent(k.changeFraction),
      );
    return out;
  });
  const t = r.partnerTotal;
  const foot = [
    t.basis === 'reported-all-commodities'
      ? `${who}, all commodities (reported)`
      : `${who}, total of ${topLevelText(r)}`,
    '',
    t.valueUsd === null ? '–' : money(t.valueUsd),
    t.valueUsd === null || t.valueUsd === 0 ? '–' : percent(1),
    '',
    '',
    ...(ranked ? [''] : []),
  ];
  if (hasPrev)
    foot.push(t.previousValueUsd === null ? '–' : money(t.previousValueUsd), signedPercent(t.changeFraction));
  const reporter = q.reporter ? `${q.reporter} ` : '';
  const flow = q.flow === 'imports' ? 'imports from' : `${q.flow} to`;
  const partnerName = r.partner.kind === 'country' ? `${r.partner.name} (${r.partner.code})` : who;
  const title = `${reporter}${flow} ${partnerName} by category, ${q.year}${r.sources.length ? ` (${sourceList(r.sources)})` : ''}`;
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    columns,
    rows,
    footRows: [foot],
    dim,
    footer: breakdownFooter(r),
  };
}

/**
 * "1 category in the data", "2 top-level categories in the data": what the partner's summed total is of,
 * never to be read as all it trades.
 */
function topLevelText(r: BreakdownResult): string {
  const n = r.partnerTotal.categories.length;
  const nested = r.categories.some((k) => !k.countedInTotal);
  return `${n} ${nested ? 'top-level ' : ''}categor${n === 1 ? 'y' : 'ies'} in the data`;
}

/** "label (USITC)", "HS 61, 62" or both: where the category's rows came from. */
function definitionCell(k: BreakdownCategory): string {
  const parts: string[] = [];
  if (k.definition.matchedBy.includes('category-column'))
    parts.push(`data label${k.sources.length ? ` (${sourceList(k.sources)})` : ''}`);
  if (k.definition.matchedBy.includes('hs-code') && k.definition.hsDefinition)
    parts.push(k.definition.hsDefinition);
  return parts.join(' + ');
}

/** The footer lines: the shares and overlaps, each category's definition and denominator, files and rows. */
export function breakdownFooter(r: BreakdownResult): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  const who = r.partner.kind === 'country' ? r.partner.name : `"${r.partner.name}"`;
  const t = r.partnerTotal;
  const listed = r.categories.length;
  const inside = r.categories.filter((k) => !k.countedInTotal);
  let shares: string;
  if (t.valueUsd === null) {
    shares = `no total for ${who}: ${t.partialOverlaps.map(([a, b]) => `${a} and ${b}`).join('; ')} overlap partly (shared HS codes, neither holding the other), so shares of ${who}'s total are left empty`;
  } else if (t.basis === 'reported-all-commodities') {
    const sum = t.listedSharesSum === null ? '–' : percent(t.listedSharesSum);
    shares = `"Share of ${who}" is of ${who}'s total over all commodities as the file states it, ${humanUsd(t.valueUsd)} (its all-commodities row); the listed categories cover part of it${inside.length ? `, and ${inside.map((k) => `${k.name} is within ${k.within.join(' and ')}`).join(', ')}` : ''} (their shares add to ${sum})`;
  } else {
    shares = `"Share of ${who}" is of ${who}'s total over the ${topLevelText(r)} (${t.categories.join(', ')}), ${humanUsd(t.valueUsd)}, not over all commodities (the data has no all-commodities row)`;
    if (inside.length) {
      const sum = t.listedSharesSum === null ? '–' : percent(t.listedSharesSum);
      shares += `; ${inside.map((k) => `${k.name} is within ${k.within.join(' and ')}`).join(', ')} by the catalog's HS definitions, so ${inside.length === 1 ? 'it is' : 'they are'} shown but not added, and the shares of the ${listed} listed categories add to ${sum}, not 100%`;
    } else if (listed > 1) {
      shares += '; no listed category lies within another, so the shares add to 100%';
    }
    if (t.unknownOverlap.length) shares += `; the overlap of ${t.unknownOverlap.join(', ')} is not known`;
  }
  lines.push(['Shares', shares]);
  lines.push([
    'Of category',
    `"Share of category" is ${who}'s share of the category's total, as \`share\` computes it: a reported World/total row, else the sum of the partners`,
  ]);
  for (const k of r.categories) {
    const how: string[] = [];
    if (k.definition.matchedBy.includes('category-column')) {
      how.push(
        k.definition.dataDefinitions.length
          ? `as the data defines it: ${k.definition.dataDefinitions.join('; ')} (category column)`
          : "as labelled in the data's category column",
      );
    }
    if (k.definition.matchedBy.includes('hs-code'))
      how.push(
        `${k.definition.hsDefinition} (${k.definition.origin}): ${k.definition.note.replace(/\.$/, '')}`,
      );
    const total =
      k.categoryTotal.basis === 'reported-total'
        ? `reported World/total row ${humanUsd(k.categoryTotal.valueUsd)}`
        : `sum of the partners ${humanUsd(k.categoryTotal.valueUsd)} (no World/total row)`;
    lines.push(['Category', `${k.name}: ${how.join('; and ')}; total: ${total}`]);
  }
  for (const k of r.categories) {
    const ranks = ranksText(k.ranks, 'partner', 'its total');
    if (ranks) lines.push(['Ranks', `${k.name}: ${ranks}`]);
  }
  const bases = [...new Set(r.categories.flatMap((k) => k.valueBasis))];
  lines.push(['Basis', bases.length ? bases.join('; ') : 'not stated in the data']);
  if (r.absent.length) {
    lines.push([
      'Left out',
      `${r.absent.length} categor${r.absent.length === 1 ? 'y' : 'ies'} without a ${who} figure for ${r.query.year}: ${absentText(r.absent, { kind: r.partner.kind, code: r.partner.code, name: r.partner.name })}`,
    ]);
  }
  const i = r.input;
  lines.push(filesLine(i, 'with no rows for the listed categories'));
  lines.push([
    'Rows',
    `${count(i.rowsRead)} read = ${count(i.rowsInCategories)} in a category + ${count(i.rowsInNoCategory)} in none + ${count(i.rowsFiltered)} filtered out (flow, reporter, source, HS level)`,
  ]);
  return lines;
}
