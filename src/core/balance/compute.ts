import { type Partner, partnerKey } from '../../catalog/partners.js';
import { KorusError } from '../../errors.js';
import type { Note } from '../../model/notes.js';
import { compareUsd, minus, plus, ratio, toNumber, type Usd } from '../../model/usd.js';
import type { AbsenceReason, BreakdownCategory, BreakdownResult } from '../breakdown/index.js';
import { type ShareResult, type ShareRow, yearList } from '../share/index.js';
import { directionOf, VALUE_FLAT_FRACTION } from '../trend/index.js';
import type {
  BalanceDirection,
  BalanceFigures,
  BalanceFlow,
  BalanceFlowFacts,
  BalanceResult,
  BalanceRow,
  BalanceTotal,
} from './types.js';

// A balance is two answers subtracted: exports and imports, each computed as `share` or `breakdown`
// computes it (the same rows, totals and notes), joined by partner, category or year. Pure.

/** Each flow's value and what follows from the two; a missing flow leaves the balance uncomputed. */
export function figures(x: Usd | null, m: Usd | null): BalanceFigures {
  if (x === null || m === null)
    return { exportsUsd: x, importsUsd: m, balanceUsd: null, coverage: null, relativeBalance: null };
  const two = plus(x, m);
  const balance = minus(x, m);
  return {
    exportsUsd: x,
    importsUsd: m,
    balanceUsd: balance,
    coverage: toNumber(m) !== 0 ? ratio(x, m) : null,
    relativeBalance: toNumber(two) !== 0 ? ratio(balance, two) : null,
  };
}

/** The distinct strings `f` gives over `items`, sorted: a flow's bases, sources or definitions. */
function distinct<T>(items: readonly T[], f: (t: T) => readonly string[]): string[] {
  return [...new Set(items.flatMap(f))].sort();
}

/** What a flow's share answer says about its rows: basis, sources, definitions, files. */
function shareFacts(flow: BalanceFlow, r: ShareResult): BalanceFlowFacts {
  return {
    flow,
    valueBasis: r.valueBasis,
    sources: r.sources,
    definitions: r.category.dataDefinitions,
    filesUsed: r.input.filesUsed,
    rowsRead: r.input.rowsRead,
    rowsUsed: r.input.rowsUsed,
  };
}

/**
 * Each flow's notes, said with the flow they are about ("exports: ..."); a note both flows' answers make
 * alike (the same code and facts: the same files, the same categories left out) is said once.
 */
function flowNotes(x: { notes: Note[] }, m: { notes: Note[] }): Note[] {
  const key = (n: Note) => JSON.stringify([n.code, n.facts, n.scope ?? null]);
  const inImports = new Set(m.notes.map(key));
  const both = new Set(x.notes.map(key).filter((k) => inImports.has(k)));
  const scoped = (flow: BalanceFlow, notes: Note[]) =>
    notes
      .filter((n) => !both.has(key(n)))
      .map((n) => ({ ...n, scope: n.scope ? `${flow}, ${n.scope}` : flow }) as Note);
  const shared = x.notes.filter((n) => both.has(key(n)));
  return [...shared, ...scoped('exports', x.notes), ...scoped('imports', m.notes)];
}

function basesDiffer(x: BalanceFlowFacts, m: BalanceFlowFacts): boolean {
  return x.valueBasis.join('\u0000') !== m.valueBasis.join('\u0000');
}

/** A row with the fields every kind has; the others are filled by its builder. */
function row(
  kind: BalanceRow['kind'],
  code: string,
  name: string,
  f: BalanceFigures,
  missing: BalanceRow['missing'],
): BalanceRow {
  return {
    kind,
    code,
    name,
    ...f,
    missing,
    shareOfBalance: null,
    countedInTotal: true,
    within: [],
    changeUsd: null,
    highlighted: false,
  };
}

/** Why a flow has no figure for a partner: the answer lists partners partially, or not at all. */
function absentReason(r: ShareResult): string {
  return toNumber(r.total.notItemizedUsd) !== 0 || toNumber(r.total.remainderUsd) !== 0
    ? 'not among the listed partners (the total has a part not itemized by partner)'
    : 'no row for the partner';
}

/** Largest deficit first (the most negative balance), then the rows without a balance, by name. */
function byBalance(a: BalanceRow, b: BalanceRow): number {
  if (a.balanceUsd === null || b.balanceUsd === null) {
    if (a.balanceUsd !== null) return -1;
    if (b.balanceUsd !== null) return 1;
    return a.name.localeCompare(b.name);
  }
  return compareUsd(a.balanceUsd, b.balanceUsd) || a.name.localeCompare(b.name);
}

/** The query fields both flows' answers agree on; a field they differ on is said as both. */
function agreed(x: string | null, m: string | null): string | null {
  return x === m ? x : [x, m].filter((v) => v !== null).join(' / ') || null;
}

/**
 * The code under which the flows' rows list `partner`: its own code, or for a partner the catalog does not
 * know, a row whose name is the same text (case, accents and spacing aside); undefined when neither flow
 * lists it.
 */
export function listedCode(partner: Partner, x: ShareResult, m: ShareResult): string | undefined {
  const rows = [...x.rows, ...m.rows].filter((r) => r.kind === 'partner');
  if (rows.some((r) => r.code === partner.code)) return partner.code;
  const key = partnerKey(partner.name);
  return rows.find((r) => r.code !== null && partnerKey(r.name) === key)?.code ?? undefined;
}

/**
 * The balance by partner in one category and year: each partner listed in either flow, the largest deficits
 * first. Totals are each flow's own (a reported World/total row, else the sum of the partners).
 */
export function balanceByPartner(x: ShareResult, m: ShareResult, highlight?: string): BalanceResult {
  const partners = new Map<string, { name: string; x?: ShareRow; m?: ShareRow }>();
  for (const [flow, r] of [
    ['x', x],
    ['m', m],
  ] as const) {
    for (const p of r.rows) {
      if (p.kind !== 'partner' || p.code === null) continue;
      const e = partners.get(p.code) ?? { name: p.name };
      e[flow] = p;
      partners.set(p.code, e);
    }
  }
  const rows: BalanceRow[] = [];
  for (const [code, e] of partners) {
    const missing: BalanceRow['missing'] = [];
    if (!e.x) missing.push({ flow: 'exports', reason: absentReason(x) });
    if (!e.m) missing.push({ flow: 'imports', reason: absentReason(m) });
    const r = row('partner', code, e.name, figures(e.x?.valueUsd ?? null, e.m?.valueUsd ?? null), missing);
    r.highlighted = code === highlight;
    rows.push(r);
  }
  rows.sort(byBalance);
  const total: BalanceTotal = {
    ...figures(x.total.valueUsd, m.total.valueUsd),
    basis: { exports: x.total.basis, imports: m.total.basis },
    categoriesBalanceUsd: null,
  };
  return oneYear(
    {
      by: 'partner',
      partner: highlight ?? null,
      partnerName: highlight ? (partners.get(highlight)?.name ?? null) : null,
      category: x.query.category,
      categoryLabel: x.category.label,
      year: x.query.year,
      yearChosen: x.query.yearChosen,
    },
    { x, m, xf: shareFacts('exports', x), mf: shareFacts('imports', m) },
    rows,
    total,
  );
}

function breakdownFacts(flow: BalanceFlow, r: BreakdownResult): BalanceFlowFacts {
  return {
    flow,
    valueBasis: distinct([...r.categories.map((c) => c.valueBasis), r.partnerTotal.valueBasis], (b) => b),
    sources: r.sources,
    definitions: distinct(r.categories, (c) => c.definition.dataDefinitions),
    filesUsed: r.input.filesUsed,
    rowsRead: r.input.rowsRead,
    rowsUsed: r.input.rowsInCategories,
  };
}

/**
 * One partner's balance by category in one year: each category with a figure in either flow, in the
 * order of the imports' breakdown (then the exports' own), with its part of the partner's total balance.
 * The total is each flow's all-commodities row when the data has one, else the sum of the top-level
 * categories; with a reported total, the categories' own sum is kept beside it.
 */
export function balanceByCategory(x: BreakdownResult, m: BreakdownResult): BalanceResult {
  const cats = new Map<string, { x?: BreakdownCategory; m?: BreakdownCategory }>();
  for (const c of m.categories) cats.set(c.name, { m: c });
  for (const c of x.categories) cats.set(c.name, { ...cats.get(c.name), x: c });
  const absent = (r: BreakdownResult, name: string) =>
    ABSENCE[r.absent.find((a) => a.name === name)?.reason ?? 'no-data'];
  const tx = x.partnerTotal.valueUsd;
  const tm = m.partnerTotal.valueUsd;
  const total: BalanceTotal = {
    ...figures(tx, tm),
    basis: { exports: x.partnerTotal.basis, imports: m.partnerTotal.basis },
    categoriesBalanceUsd: null,
  };
  const rows: BalanceRow[] = [];
  let topBalance: Usd = 0;
  let topComplete = true;
  for (const [name, e] of cats) {
    const c = (e.m ?? e.x) as BreakdownCategory;
    const missing: BalanceRow['missing'] = [];
    if (!e.x) missing.push({ flow: 'exports', reason: absent(x, name) });
    if (!e.m) missing.push({ flow: 'imports', reason: absent(m, name) });
    const r = row('category', name, c.label, figures(e.x?.valueUsd ?? null, e.m?.valueUsd ?? null), missing);
    r.countedInTotal = (e.x?.countedInTotal ?? true) && (e.m?.countedInTotal ?? true);
    r.within = [...new Set([...(e.x?.within ?? []), ...(e.m?.within ?? [])])].sort();
    if (r.countedInTotal) {
      if (r.balanceUsd === null) topComplete = false;
      else topBalance = plus(topBalance, r.balanceUsd);
      if (r.balanceUsd !== null && total.balanceUsd !== null && toNumber(total.balanceUsd) !== 0)
        r.shareOfBalance = ratio(r.balanceUsd, total.balanceUsd);
    }
    rows.push(r);
  }
  const reported =
    x.partnerTotal.basis === 'reported-all-commodities' ||
    m.partnerTotal.basis === 'reported-all-commodities';
  if (reported && topComplete) total.categoriesBalanceUsd = topBalance;
  return oneYear(
    {
      by: 'category',
      partner: m.partner.code,
      partnerName: m.partner.name,
      category: null,
      categoryLabel: null,
      year: m.query.year,
      yearChosen: m.query.yearChosen,
    },
    { x, m, xf: breakdownFacts('exports', x), mf: breakdownFacts('imports', m) },
    rows,
    total,
  );
}

/** Both flows' answers for one year, and what each says about its rows. */
interface FlowPair {
  x: { query: { reporter: string | null; source: string | null }; notes: Note[] };
  m: { query: { reporter: string | null; source: string | null }; notes: Note[] };
  xf: BalanceFlowFacts;
  mf: BalanceFlowFacts;
}

/** The balance of one year's rows: the query as answered, the flows' facts, their notes and the rows'. */
function oneYear(
  q: Omit<BalanceResult['query'], 'reporter' | 'source' | 'years'>,
  { x, m, xf, mf }: FlowPair,
  rows: BalanceRow[],
  total: BalanceTotal,
): BalanceResult {
  return {
    query: {
      ...q,
      reporter: agreed(x.query.reporter, m.query.reporter),
      years: [q.year],
      source: agreed(x.query.source, m.query.source),
    },
    rows,
    total,
    direction: null,
    flows: { exports: xf, imports: mf },
    basesDiffer: basesDiffer(xf, mf),
    notes: [...flowNotes(x, m), ...missingNotes(rows)],
  };
}

/** Why a flow's breakdown has no figure for a category, as a row's `missing[].reason` says it. */
const ABSENCE: Record<AbsenceReason, string> = {
  'no-data': 'no rows for the category',
  'no-data-for-year': 'no rows for the category in the year',
  'partner-absent': 'no row for the partner in the category',
  'value-missing': "the partner's value is missing (empty or a marker)",
};

/** One year's two answers (either may be missing: no data for the flow that year, or an error's words). */
export interface YearPair {
  year: number;
  exports: ShareResult | string;
  imports: ShareResult | string;
  /** Each flow's rows: read, and used by its figure for the year (its own rows, not the year before's). */
  rows: Record<BalanceFlow, { read: number; used: number }>;
}

/**
 * The balance over years, of one partner (its rows) or of the total (no partner): one row per year, the
 * change from the year before, and the direction of the balance counted as `trend` counts a value's
 * (each change taken as a fraction of the year before's two-way trade, within ±0.5% flat).
 */
export function balanceByYear(
  pairs: YearPair[],
  partner: { code: string; name: string } | undefined,
  category: { name: string; label: string },
): BalanceResult {
  const valueIn = (r: ShareResult | string): { v: Usd | null; reason?: string } => {
    if (typeof r === 'string') return { v: null, reason: r };
    if (!partner) return { v: r.total.valueUsd };
    const p = r.rows.find((x) => x.kind === 'partner' && x.code === partner.code);
    return p ? { v: p.valueUsd } : { v: null, reason: absentReason(r) };
  };
  const rows: BalanceRow[] = [];
  const notes: Note[] = [];
  let prev: BalanceRow | undefined;
  const changes: Array<number | null> = [];
  for (const { year, exports, imports } of pairs) {
    const x = valueIn(exports);
    const m = valueIn(imports);
    const missing: BalanceRow['missing'] = [];
    if (x.v === null) missing.push({ flow: 'exports', reason: x.reason ?? 'no figure' });
    if (m.v === null) missing.push({ flow: 'imports', reason: m.reason ?? 'no figure' });
    const r = row('year', String(year), String(year), figures(x.v, m.v), missing);
    if (prev && prev.code === String(year - 1) && prev.balanceUsd !== null && r.balanceUsd !== null) {
      r.changeUsd = minus(r.balanceUsd, prev.balanceUsd);
      const two = plus(prev.exportsUsd as Usd, prev.importsUsd as Usd);
      changes.push(toNumber(two) !== 0 ? ratio(r.changeUsd, two) : null);
    } else if (prev) changes.push(null);
    rows.push(r);
    prev = r;
  }
  const valued = rows.filter((r) => r.balanceUsd !== null);
  const first = valued[0];
  const last = valued[valued.length - 1];
  const span = first && last && last !== first ? { first, last } : undefined;
  const two = span ? plus(span.first.exportsUsd as Usd, span.first.importsUsd as Usd) : null;
  const net =
    span && two !== null && toNumber(two) !== 0
      ? ratio(minus(span.last.balanceUsd as Usd, span.first.balanceUsd as Usd), two)
      : null;
  const direction: BalanceDirection = {
    balance: directionOf(changes, net, VALUE_FLAT_FRACTION),
    firstYear: span?.first ? Number(span.first.code) : null,
    lastYear: span?.last ? Number(span.last.code) : null,
    firstUsd: span?.first.balanceUsd ?? null,
    lastUsd: span?.last.balanceUsd ?? null,
  };
  const results = (flow: 'exports' | 'imports') =>
    pairs.map((p) => p[flow]).filter((r): r is ShareResult => typeof r !== 'string');
  const facts = (flow: BalanceFlow): BalanceFlowFacts => {
    const rs = results(flow);
    // Each year's own rows: a share result's count takes in the year before too (for its change), so
    // adding those up would count most rows twice.
    const used = pairs.filter((p) => typeof p[flow] !== 'string').reduce((a, p) => a + p.rows[flow].used, 0);
    return {
      flow,
      valueBasis: distinct(rs, (r) => r.valueBasis),
      sources: distinct(rs, (r) => r.sources),
      definitions: distinct(rs, (r) => r.category.dataDefinitions),
      filesUsed: distinct(rs, (r) => r.input.filesUsed),
      // Read by the flow's pass over the data, whether or not a year had a figure.
      rowsRead: pairs[0]?.rows[flow].read ?? 0,
      rowsUsed: used,
    };
  };
  const xf = facts('exports');
  const mf = facts('imports');
  const anyX = results('exports')[0];
  const anyM = results('imports')[0];
  notes.push(...missingNotes(rows));
  if (!partner) notes.push(...summedNotes(pairs));
  const years = pairs.map((p) => p.year);
  return {
    query: {
      by: 'year',
      reporter: agreed(anyX?.query.reporter ?? null, anyM?.query.reporter ?? null),
      partner: partner?.code ?? null,
      partnerName: partner?.name ?? null,
      category: category.name,
      categoryLabel: category.label,
      year: years[years.length - 1] as number,
      yearChosen: 'given',
      years,
      source: agreed(anyX?.query.source ?? null, anyM?.query.source ?? null),
    },
    rows,
    total: null,
    direction,
    flows: { exports: xf, imports: mf },
    basesDiffer: basesDiffer(xf, mf),
    notes,
  };
}

/** The latest year both flows have; a KorusError naming each flow's years when they share none. */
export function commonYear(x: number[], m: number[], what: string): number {
  const both = x.filter((y) => m.includes(y));
  const year = both.at(-1);
  if (year === undefined) {
    throw new KorusError(
      `no year has both exports and imports in ${what}`,
      2,
      `exports: ${x.length ? yearList(x) : 'none'}; imports: ${m.length ? yearList(m) : 'none'}`,
    );
  }
  return year;
}

/**
 * By year without a partner, a year's total is each flow's own: a World/total row, or the sum of the listed
 * partners when the data has none, which is no reporter's trade with the world. One note per flow that
 * has such years, naming the partners.
 */
function summedNotes(pairs: YearPair[]): Note[] {
  const notes: Note[] = [];
  for (const flow of ['exports', 'imports'] as const) {
    const summed = pairs
      .map((p) => p[flow])
      .filter((r): r is ShareResult => typeof r !== 'string' && r.total.basis === 'sum-of-partners');
    if (!summed.length) continue;
    const partners = [
      ...new Set(summed.flatMap((r) => r.rows.filter((x) => x.kind === 'partner').map((x) => x.name))),
    ];
    notes.push({
      level: 'warning',
      code: 'summed-totals',
      facts: { flow, years: summed.map((r) => r.query.year), partners },
    });
  }
  return notes;
}

/** One note per flow that some rows lack: their balance is not computed (never read as 0). */
function missingNotes(rows: BalanceRow[]): Note[] {
  const notes: Note[] = [];
  for (const flow of ['exports', 'imports'] as const) {
    const lacking = rows.filter((r) => r.missing.some((m) => m.flow === flow));
    if (!lacking.length) continue;
    notes.push({
      level: 'warning',
      code: 'missing-flow',
      facts: { flow, rows: lacking.length, examples: lacking.slice(0, 5).map((r) => r.name) },
      count: lacking.length,
    });
  }
  return notes;
}
