import type {
  BalanceFlowFacts,
  BalanceResult,
  BalanceRow,
  BalanceTotalBasis,
} from '../core/balance/index.js';
import { listText } from '../model/caps.js';
import type { Usd } from '../model/usd.js';
import { balanceTitle, balanceVerdict } from './balance-words.js';
import { count, counted, humanUsd, millionsUsd, percent, signedPercent } from './format.js';
import { noteJson } from './notes.js';
import { type CsvRecords, type Renderable, type UnitStyle, withContext } from './render.js';
import { balanceSvg } from './svg-balance.js';
import type { TextTable } from './text-table.js';

/** The version of the `balance` JSON shape (schemas/balance.schema.json); bumped on any breaking change. */
export const BALANCE_SCHEMA_VERSION = 1;

/** The formats of a balance: a table, and a chart of diverging bars (svg). */
import { BALANCE_FORMATS } from './formats.js';

export { BALANCE_FORMATS };

/** The balance as the documented JSON object, the direction and notes in words. */
export function balanceJson(r: BalanceResult): object {
  return {
    schemaVersion: BALANCE_SCHEMA_VERSION,
    command: 'balance',
    ...r,
    direction: r.direction ? { ...r.direction, verdict: balanceVerdict(r) } : null,
    notes: r.notes.map(noteJson),
  };
}

/** A balance in every format it offers, for render(). */
export function renderBalance(r: BalanceResult, units: UnitStyle = 'human'): Renderable {
  return {
    command: 'balance',
    formats: BALANCE_FORMATS,
    json: () => balanceJson(r),
    csv: () => balanceCsv(r),
    table: () => balanceTable(r, units),
    svg: () => balanceSvg(r),
  };
}

/** The balance rows as CSV records with raw numbers (the total last, kind "total"). */
export function balanceCsv(r: BalanceResult): CsvRecords {
  const t = r.total;
  const record = (row: {
    kind: string;
    code: string | null;
    name: string;
    exportsUsd: Usd | null;
    importsUsd: Usd | null;
    balanceUsd: Usd | null;
    coverage: number | null;
    relativeBalance: number | null;
    shareOfBalance?: number | null;
    changeUsd?: Usd | null;
    missing?: BalanceRow['missing'];
  }) => [
    row.kind,
    row.code,
    row.name,
    row.exportsUsd,
    row.importsUsd,
    row.balanceUsd,
    row.coverage,
    row.relativeBalance,
    row.shareOfBalance ?? null,
    row.changeUsd ?? null,
    (row.missing ?? []).map((m) => m.flow).join(';') || null,
  ];
  const records = r.rows.map(record);
  if (t) records.push(record({ ...t, kind: 'total', code: null, name: totalName(r) }));
  const q = r.query;
  return withContext(
    [
      ['by', q.by],
      // By year, each record is a year of its own (its code); otherwise the figures' year.
      ['year', q.by === 'year' ? null : q.year],
      ['category', q.category],
      ['reporter', q.reporter],
      ['partner', q.partner],
    ],
    {
      header: [
        'kind',
        'code',
        'name',
        'exports_usd',
        'imports_usd',
        'balance_usd',
        'coverage',
        'relative_balance',
        'share_of_balance',
        'change_usd',
        'missing_flows',
      ],
      records,
    },
  );
}

function totalName(r: BalanceResult): string {
  const t = r.total;
  if (!t) return 'Total';
  const reported = t.basis.exports?.startsWith('reported') && t.basis.imports?.startsWith('reported');
  if (r.query.by === 'category')
    return `${r.query.partnerName}, total${reported ? ' (reported)' : ' (sum of categories)'}`;
  return reported ? 'Total (reported)' : 'Total (sum of partners)';
}

/** The people's table: each row's two flows, the balance and its ratios; the footer states every choice. */
export function balanceTable(r: BalanceResult, units: UnitStyle): TextTable {
  const q = r.query;
  const money = units === 'millions' ? millionsUsd : humanUsd;
  const head = units === 'millions' ? ' (US$ m)' : '';
  const cash = (v: Usd | null) => (v === null ? '–' : money(v));
  const columns: TextTable['columns'] = [
    { head: q.by === 'category' ? 'Category' : q.by === 'year' ? 'Year' : 'Partner', align: 'left' },
    { head: `Exports${head}`, align: 'right' },
    { head: `Imports${head}`, align: 'right' },
    { head: `Balance${head}`, align: 'right' },
  ];
  if (q.by === 'category') columns.push({ head: 'Share of balance', align: 'right' });
  if (q.by === 'year') columns.push({ head: `Change${head}`, align: 'right' });
  columns.push({ head: 'Coverage', align: 'right' }, { head: 'Relative', align: 'right' });
  const cells = (
    name: string,
    f: Pick<BalanceRow, 'exportsUsd' | 'importsUsd' | 'balanceUsd' | 'coverage' | 'relativeBalance'>,
    extra: string | undefined,
  ) => {
    const out = [name, cash(f.exportsUsd), cash(f.importsUsd), cash(f.balanceUsd)];
    if (extra !== undefined) out.push(extra);
    out.push(percent(f.coverage, 1), signedPercent(f.relativeBalance));
    return out;
  };
  const extraOf = (row: BalanceRow) =>
    q.by === 'category'
      ? row.countedInTotal
        ? percent(row.shareOfBalance, 1)
        : `within ${row.within.join(', ')}`
      : q.by === 'year'
        ? row.changeUsd === null
          ? '–'
          : `${typeof row.changeUsd === 'bigint' ? (row.changeUsd > 0n ? '+' : '') : row.changeUsd > 0 ? '+' : ''}${money(row.changeUsd)}`
        : undefined;
  let highlight: number | undefined;
  const dim = new Set<number>();
  const rows = r.rows.map((row, i) => {
    const name =
      row.kind === 'partner' && /^[A-Z]{2}$/.test(row.code)
        ? `${row.name} (${row.code})`
        : row.kind === 'category'
          ? row.code
          : row.name;
    if (row.highlighted) highlight = i;
    if (!row.countedInTotal || row.balanceUsd === null) dim.add(i);
    return cells(row.highlighted ? `▶ ${name}` : name, row, extraOf(row));
  });
  const footRows = r.total
    ? [
        cells(
          totalName(r),
          r.total,
          q.by === 'category' ? percent(r.total.balanceUsd === null ? null : 1, 1) : undefined,
        ),
      ]
    : [];
  return { title: balanceTitle(r), columns, rows, footRows, highlight, dim, footer: balanceFooter(r) };
}

const BASIS_WORDS: Record<BalanceTotalBasis, string> = {
  'reported-total': 'the reported World/total row',
  'sum-of-partners': 'the sum of the listed partners (no World/total row)',
  'reported-all-commodities': 'the reported all-commodities row',
  'sum-of-top-level-categories': 'the sum of the top-level categories (no all-commodities row)',
};

function flowLine(f: BalanceFlowFacts): [string, string] {
  const label = f.flow === 'exports' ? 'Exports' : 'Imports';
  const basis = f.valueBasis.length ? f.valueBasis.join('; ') : 'basis not stated in the data';
  const mixed = f.valueBasis.length > 1 ? ' (mixed bases: the rows state more than one)' : '';
  const files = f.filesUsed.length ? listText(f.filesUsed) : 'no rows';
  return [label, `${basis}${mixed}; ${files}`];
}

/** The footer lines: what the balance is, each flow's basis and files, the totals, what is left out. */
export function balanceFooter(r: BalanceResult): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  lines.push([
    'Balance',
    'exports minus imports; coverage = exports / imports; relative = (exports - imports) / (exports + imports)',
  ]);
  lines.push(flowLine(r.flows.exports), flowLine(r.flows.imports));
  if (r.basesDiffer)
    lines.push([
      'Bases',
      'the two flows are valued on different bases (as US official statistics do: exports f.a.s., imports customs value); the balance subtracts them as published',
    ]);
  if (r.query.categoryLabel) {
    const defs = [...new Set([...r.flows.exports.definitions, ...r.flows.imports.definitions])];
    lines.push([
      'Category',
      `${r.query.category}${defs.length ? `, as the data defines it: ${defs.join('; ')}` : ''}`,
    ]);
  }
  const t = r.total;
  if (t) {
    const { exports: bx, imports: bm } = t.basis;
    lines.push([
      'Total',
      bx === bm
        ? `each flow's total is ${bx ? BASIS_WORDS[bx] : 'not known'}`
        : `exports: ${bx ? BASIS_WORDS[bx] : 'not known'}; imports: ${bm ? BASIS_WORDS[bm] : 'not known'}`,
    ]);
    if (t.categoriesBalanceUsd !== null && t.balanceUsd !== null && t.categoriesBalanceUsd !== t.balanceUsd) {
      lines.push([
        'Categories',
        `the top-level categories' balances add up to ${humanUsd(t.categoriesBalanceUsd)}, the reported total's is ${humanUsd(t.balanceUsd)} (rounding in the published table, or a part not in any category)`,
      ]);
    }
  }
  const missing = r.rows.filter((row) => row.missing.length);
  if (missing.length) {
    lines.push([
      'Left out',
      `${counted(missing.length, 'row')} without both flows, shown with – and no balance: ${missing
        .slice(0, 5)
        .map((row) => `${row.name} (no ${row.missing.map((m) => m.flow).join(' or ')})`)
        .join('; ')}${missing.length > 5 ? '; ...' : ''}`,
    ]);
  }
  const verdict = balanceVerdict(r);
  if (verdict) lines.push(['Direction', verdict]);
  lines.push([
    'Rows',
    `exports: ${count(r.flows.exports.rowsUsed)} used of ${count(r.flows.exports.rowsRead)} read; imports: ${count(r.flows.imports.rowsUsed)} used of ${count(r.flows.imports.rowsRead)} read`,
  ]);
  return lines;
}
