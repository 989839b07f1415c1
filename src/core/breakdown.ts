import {
  type CategoryDef,
  hsDefinition,
  inCategory,
  type MatchKind,
  resolveCategory,
} from '../catalog/categories.js';
import type { Flow } from '../catalog/flows.js';
import { type Partner, partnerHint, partnerKey } from '../catalog/partners.js';
import { KorusError } from '../errors.js';
import type { Note, WordedNote } from '../model/notes.js';
import type { FileStats, ReadReport, TradeRow } from '../model/rows.js';
import { ShareAccumulator, type ShareResult, type ShareRow, type TotalBasis, yearList } from './share.js';
import { ExactSum } from './tally.js';

/** What `breakdown` is asked: one partner, across every category. */
export interface BreakdownQuery {
  partner: Partner;
  /** Default: the latest year with a figure for the partner in some category. */
  year?: number;
  flow: Flow;
  reporter?: string;
  source?: string;
  /** The catalog (built-in and --categories): the categories an HS code can fall in. */
  catalog: CategoryDef[];
}

/** Why a category is not listed. */
export type AbsenceReason = 'no-data' | 'no-data-for-year' | 'partner-absent' | 'value-missing';

/** A category the partner has no figure in for the year: left out of the table, counted in a note. */
export interface AbsentCategory {
  name: string;
  reason: AbsenceReason;
  /** The years in which the partner has a figure in this category. */
  partnerYears: number[];
}

/** One listed category: the partner's value, its two shares, and the category's denominator. */
export interface BreakdownCategory {
  name: string;
  label: string;
  definition: {
    /** How the category's rows were matched: by the data's category column, by HS code, or both. */
    matchedBy: Array<MatchKind>;
    /** The catalog's HS prefixes for the name (empty for a label the catalog does not know). */
    hsPrefixes: string[];
    hsDefinition: string | null;
    /** The data's own statements of the definition (a `definition` column). */
    dataDefinitions: string[];
    note: string;
    /** "built-in catalog", a --categories file, or "data" (a label met in the data only). */
    origin: string;
  };
  sources: string[];
  valueBasis: string[];
  valueUsd: number;
  /** Fraction of the partner's total (partnerTotal.valueUsd); null when there is no total. */
  shareOfPartnerTotal: number | null;
  /** The partner's fraction of the category's total, as `share` computes it. */
  shareOfCategory: number | null;
  categoryTotal: {
    valueUsd: number;
    basis: TotalBasis;
    previousValueUsd: number | null;
    changeFraction: number | null;
  };
  rank: number | null;
  /** Itemized partners in the category's year (the rank is out of these). */
  partners: number;
  previousValueUsd: number | null;
  changeUsd: number | null;
  changeFraction: number | null;
  /** The listed categories whose catalog definition holds this one's (apparel is within textiles-and-apparel). */
  within: string[];
  /** Whether the value is part of the partner's total (the top-level categories are; those within another are not). */
  countedInTotal: boolean;
  /** Rows of the category behind its figures (the year and the previous year): partners, missing, aggregates. */
  rows: { used: number; missing: number; aggregate: number };
}

/** How the partner's total across categories was found, and how the listed categories overlap. */
export interface PartnerTotal {
  /**
   * The partner's all-commodities figure when the file states it (a TOTAL row), else the sum over the
   * top-level categories; null when two of those overlap partly (no honest total).
   */
  valueUsd: number | null;
  basis: 'reported-all-commodities' | 'sum-of-top-level-categories';
  /** The categories added up (none of them within another listed one). */
  categories: string[];
  previousValueUsd: number | null;
  changeUsd: number | null;
  changeFraction: number | null;
  /** The sum of every listed category's share of the total: above 1 when some lie within others. */
  listedSharesSum: number | null;
  /** Pairs of top-level categories whose catalog definitions share HS codes without one holding the other. */
  partialOverlaps: Array<[string, string]>;
  /** Top-level categories without an HS definition (data labels only): their overlap is not known. */
  unknownOverlap: string[];
}

/** Counts of input rows: read = in a category + in none + filtered out, always. */
export interface BreakdownInputStats {
  files: FileStats[];
  filesUsed: string[];
  layout: string;
  rowsRead: number;
  /** Rows that fell in at least one category (a row in two categories is counted once here). */
  rowsInCategories: number;
  /** Rows whose label or HS code is in no category (of the catalog or the data). */
  rowsInNoCategory: number;
  /** Rows of other flows, reporters, sources or HS levels, left out by the reader. */
  rowsFiltered: number;
}

/** What a partner ships across categories in one year. */
export interface BreakdownResult {
  query: {
    partner: string;
    year: number;
    yearChosen: 'given' | 'latest';
    previousYear: number | null;
    flow: Flow;
    reporter: string | null;
    source: string | null;
  };
  partner: { code: string; name: string; kind: 'country' | 'unknown' };
  partnerTotal: PartnerTotal;
  categories: BreakdownCategory[];
  absent: AbsentCategory[];
  notes: Note[];
  input: BreakdownInputStats;
  sources: string[];
}

/** Whether a set of HS prefixes lies inside another: each inner prefix starts with one of the outer ones. */
export function hsWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > 0 && outer.length > 0 && inner.every((a) => outer.some((b) => a.startsWith(b)));
}

/** Whether two sets of HS prefixes share codes: a prefix of one starts with a prefix of the other. */
export function hsOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x.startsWith(y) || y.startsWith(x)));
}

interface CategoryEntry {
  def: CategoryDef;
  acc: ShareAccumulator;
  /** Rows handed to the accumulator: the others are, for it, filtered out. */
  fed: number;
  partnerYears: Set<number>;
  partnerMissingYears: Set<number>;
}

/**
 * Reads rows once for every category: a row with a category label goes to that label's category, a row with
 * an HS code to every catalog category one of whose prefixes it starts with, each category with its own
 * ShareAccumulator (so its figures are the ones `share` gives). Pure: no I/O.
 */
export class BreakdownAccumulator {
  private readonly entries = new Map<string, CategoryEntry>();
  private readonly byCode = new Map<string, CategoryEntry[]>();
  private passed = 0;
  private unmatched = 0;
  private readonly unmatchedExamples = new Set<string>();
  private readonly partnersSeen = new Map<string, string>();
  private readonly partnerKey: string;

  constructor(private readonly query: BreakdownQuery) {
    for (const def of query.catalog) this.entries.set(def.name, this.entry(def));
    this.partnerKey = partnerKey(query.partner.code);
  }

  private entry(def: CategoryDef): CategoryEntry {
    const q = this.query;
    const acc = new ShareAccumulator({ category: def, flow: q.flow, reporter: q.reporter, source: q.source });
    return { def, acc, fed: 0, partnerYears: new Set(), partnerMissingYears: new Set() };
  }

  /** Takes one row (that passed the reader's flow, reporter and source filters) into every category it is in. */
  add(row: TradeRow): void {
    this.passed++;
    const targets = this.categoriesOf(row);
    if (targets.length === 0) {
      this.unmatched++;
      const example = row.category ?? row.code;
      if (example !== undefined && this.unmatchedExamples.size < 5) this.unmatchedExamples.add(example);
      return;
    }
    const p = row.partner;
    const isPartner = (p.kind === 'country' || p.kind === 'unknown') && this.isPartner(p);
    for (const e of targets) {
      e.fed++;
      e.acc.add(row);
      if (isPartner) (row.value === undefined ? e.partnerMissingYears : e.partnerYears).add(row.year);
    }
    if ((p.kind === 'country' || p.kind === 'unknown') && row.value !== undefined) {
      if (this.partnersSeen.size < 500 || this.partnersSeen.has(p.code))
        this.partnersSeen.set(p.code, p.name);
    }
  }

  private isPartner(p: Partner): boolean {
    const q = this.query.partner;
    if (p.kind !== q.kind) return false;
    return p.kind === 'country' ? p.code === q.code : partnerKey(p.code) === this.partnerKey;
  }

  private categoriesOf(row: TradeRow): CategoryEntry[] {
    if (row.category !== undefined) {
      let e = this.entries.get(row.category);
      if (!e) {
        e = this.entry(resolveCategory(row.category, this.query.catalog));
        this.entries.set(e.def.name, e);
      }
      return [e];
    }
    const code = row.code;
    if (code === undefined) return [];
    const system = row.system ?? 'HS';
    const key = `${system}\u0000${code}`;
    let list = this.byCode.get(key);
    if (!list) {
      list = this.query.catalog
        .filter((def) => inCategory(undefined, code, def, system) !== undefined)
        .map((def) => this.entries.get(def.name) as CategoryEntry);
      this.byCode.set(key, list);
    }
    return list;
  }

  /** The breakdown for the query's year (default: the partner's latest). Throws KorusError (exit 2) when the partner has no figure. */
  result(report: ReadReport): BreakdownResult {
    const q = this.query;
    const entries = [...this.entries.values()];
    const label = partnerLabel(q.partner);
    const years = [...new Set(entries.flatMap((e) => [...e.partnerYears]))].sort((a, b) => a - b);
    const notes: Note[] = [];
    if (years.length === 0) throw this.noPartner(label, entries);
    let year = q.year;
    if (year === undefined) {
      year = years[years.length - 1] as number;
      notes.push({
        level: 'info',
        code: 'default-year',
        message: `no --year given: using ${year}, the latest year with ${label} figures (years: ${yearList(years)})`,
      });
    } else if (!years.includes(year)) {
      const missing = entries.filter((e) => e.partnerMissingYears.has(year as number)).map((e) => e.def.name);
      throw new KorusError(
        `${label} has no ${q.flow} figure in any category for ${year}${missing.length ? ` (its ${missing.join(', ')} value${missing.length === 1 ? ' is' : 's are'} missing in the data)` : ''}`,
        2,
        `years with ${q.partner.kind === 'country' ? q.partner.code : label}: ${yearList(years)}`,
      );
    }
    const computed: BreakdownInput['computed'] = [];
    const absent: AbsentCategory[] = [];
    for (const e of entries) {
      const partnerYears = [...e.partnerYears].sort((a, b) => a - b);
      if (!e.partnerYears.has(year)) {
        const dataYears = e.acc.yearsWithData();
        const reason: AbsenceReason =
          dataYears.length === 0
            ? 'no-data'
            : !dataYears.includes(year)
              ? 'no-data-for-year'
              : e.partnerMissingYears.has(year)
                ? 'value-missing'
                : 'partner-absent';
        absent.push({ name: e.def.name, reason, partnerYears });
        continue;
      }
      // For this category the rows it was not handed are filtered out: its row accounting stays whole.
      const own: ReadReport = { ...report, rowsFiltered: report.rowsFiltered + this.passed - e.fed };
      computed.push({ def: e.def, result: e.acc.result(own, year), partnerYears });
    }
    if (this.unmatched) {
      const examples = [...this.unmatchedExamples].map((x) => JSON.stringify(x)).join(', ');
      notes.push({
        level: 'info',
        code: 'rows-in-no-category',
        message: `${this.unmatched} row${this.unmatched === 1 ? '' : 's'} in no category (neither a category label nor an HS code under a catalog prefix; e.g. ${examples})`,
        count: this.unmatched,
      });
    }
    return breakdownOf({
      query: q,
      year,
      yearChosen: q.year === undefined ? 'latest' : 'given',
      computed,
      absent,
      totalCategories: entries.filter((e) => e.def.codes?.includes('TOTAL')).map((e) => e.def.name),
      notes,
      input: {
        files: report.files,
        filesUsed: [],
        layout:
          new Set(report.files.map((f) => f.layout)).size === 1
            ? (report.files[0]?.layout ?? 'canonical')
            : 'mixed',
        rowsRead: report.rowsRead,
        rowsInCategories: this.passed - this.unmatched,
        rowsInNoCategory: this.unmatched,
        rowsFiltered: report.rowsFiltered,
      },
    });
  }

  private noPartner(label: string, entries: CategoryEntry[]): KorusError {
    const q = this.query;
    const missingYears = [...new Set(entries.flatMap((e) => [...e.partnerMissingYears]))].sort(
      (a, b) => a - b,
    );
    if (missingYears.length) {
      return new KorusError(
        `${label}: every ${q.flow} value in the data is missing (empty or a marker such as (D)), in ${yearList(missingYears)}`,
        2,
      );
    }
    const names = [...this.partnersSeen.values()].sort((a, b) => a.localeCompare(b));
    const shown = names.slice(0, 12).join(', ') + (names.length > 12 ? `, ... (${names.length} in all)` : '');
    const filters = [q.reporter && `reporter ${q.reporter}`, q.source && `source ${q.source}`].filter(
      Boolean,
    );
    const hint = names.length
      ? `partners in the data: ${shown}`
      : 'the data has no partner rows (only aggregates)';
    return new KorusError(
      `${label} has no ${q.flow} rows in the data${filters.length ? ` (${filters.join(', ')})` : ''}, in any category or year`,
      2,
      partnerHint(q.partner, hint),
    );
  }
}

/** What breakdownOf is given: the per-category share results computed for the year, and the rest. */
export interface BreakdownInput {
  query: Pick<BreakdownQuery, 'partner' | 'flow' | 'reporter' | 'source'>;
  year: number;
  yearChosen: 'given' | 'latest';
  /** One share result per category with data for the partner in the year (and the partner's years in it). */
  computed: Array<{ def: CategoryDef; result: ShareResult; partnerYears?: number[] }>;
  /** Categories already known to lack the partner in the year. */
  absent: AbsentCategory[];
  /** Categories that are the all-commodities total (never listed as absent). */
  totalCategories?: string[];
  notes: Note[];
  input: BreakdownInputStats;
}

/**
 * The breakdown from per-category share results: the partner's row in each, its share of the category's
 * total, and its share of the partner's total, which adds the top-level categories only (a category whose
 * catalog HS definition lies within another listed one is shown but not added, so nothing counts twice).
 */
export function breakdownOf(input: BreakdownInput): BreakdownResult {
  const { query: q, year } = input;
  const notes = [...input.notes];
  const found: Array<{ def: CategoryDef; result: ShareResult; row: ShareRow }> = [];
  // A category of all commodities (Comtrade's TOTAL, a one-country DataWeb query's Total row) is the
  // partner's total as the file states it: the denominator, not a category.
  let reported: ShareRow | undefined;
  const isTotal = (def: CategoryDef) => def.codes?.includes('TOTAL') === true;
  const absent = input.absent.filter((a) => !input.totalCategories?.includes(a.name));
  for (const { def, result, partnerYears } of input.computed) {
    if (isTotal(def)) {
      reported ??= result.rows.find(
        (r) => r.kind === 'partner' && r.code !== null && samePartner(r.code, q.partner),
      );
      continue;
    }
    const row = result.rows.find(
      (r) => r.kind === 'partner' && r.code !== null && samePartner(r.code, q.partner),
    );
    if (row) found.push({ def, result, row });
    else
      absent.push({
        name: def.name,
        reason: 'partner-absent',
        partnerYears: (partnerYears ?? []).filter((y) => y !== year),
      });
  }
  found.sort((a, b) => b.row.valueUsd - a.row.valueUsd || a.def.name.localeCompare(b.def.name));

  // Overlaps, from the catalog's HS definitions of the listed categories. Of two with the same definition,
  // the one listed first stands for both.
  const within = found.map((a, i) =>
    found
      .filter((b, j) => j !== i && hsWithin(a.def.hs, b.def.hs) && (!hsWithin(b.def.hs, a.def.hs) || j < i))
      .map((b) => b.def.name)
      .sort(),
  );
  const top = found.filter((_, i) => within[i]?.length === 0);
  const partialOverlaps: Array<[string, string]> = [];
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i] as (typeof top)[number];
      const b = top[j] as (typeof top)[number];
      if (hsOverlap(a.def.hs, b.def.hs)) partialOverlaps.push([a.def.name, b.def.name]);
    }
  }
  const unknownOverlap =
    top.length > 1 ? top.filter((t) => t.def.hs.length === 0).map((t) => t.def.name) : [];
  const totalSum = new ExactSum();
  for (const t of top) totalSum.add(t.row.valueUsd);
  const total = reported ? reported.valueUsd : partialOverlaps.length ? null : totalSum.value();
  const prevs = top.map((t) => t.row.previousValueUsd);
  const prevTotal = reported
    ? reported.previousValueUsd
    : total !== null && prevs.length && prevs.every((v) => v !== null)
      ? prevs.reduce((a: number, v) => a + (v as number), 0)
      : null;
  const shareOfTotal = (v: number): number | null => (total === null || total === 0 ? null : v / total);

  const categories: BreakdownCategory[] = found.map(({ def, result: r, row }, i) => ({
    name: def.name,
    label: def.label,
    definition: {
      matchedBy: r.category.matchedBy,
      hsPrefixes: def.hs,
      hsDefinition: def.hs.length ? hsDefinition(def.hs) : null,
      dataDefinitions: r.category.dataDefinitions,
      note: def.note,
      origin: def.origin,
    },
    sources: r.sources,
    valueBasis: r.valueBasis,
    valueUsd: row.valueUsd,
    shareOfPartnerTotal: shareOfTotal(row.valueUsd),
    shareOfCategory: row.share,
    categoryTotal: {
      valueUsd: r.total.valueUsd,
      basis: r.total.basis,
      previousValueUsd: r.total.previousValueUsd,
      changeFraction: r.total.changeFraction,
    },
    rank: row.rank,
    partners: r.rows.filter((x) => x.kind === 'partner').length,
    previousValueUsd: row.previousValueUsd,
    changeUsd: row.changeUsd,
    changeFraction: row.changeFraction,
    within: within[i] ?? [],
    countedInTotal: (within[i] ?? []).length === 0,
    rows: { used: r.input.rowsUsed, missing: r.input.rowsMissing, aggregate: r.input.rowsAggregate },
  }));

  // Equal values: the category that holds the other comes first.
  categories.sort(
    (a, b) =>
      b.valueUsd - a.valueUsd ||
      Number(b.countedInTotal) - Number(a.countedInTotal) ||
      a.name.localeCompare(b.name),
  );

  // Notes: each category's own (named), then what the breakdown itself has to say.
  const seen = new Set<string>();
  for (const { def, result } of found) {
    for (const n of result.notes) {
      // Share's notes are worded still (type only: the read notes, which carry facts, are not among them).
      const worded = n as WordedNote;
      const message = FILE_NOTES.has(n.code) ? worded.message : `${def.name}: ${worded.message}`;
      if (seen.has(message)) continue;
      seen.add(message);
      notes.push({ ...n, message });
    }
  }
  const label = partnerLabel(q.partner);
  if (partialOverlaps.length && !reported) {
    notes.push({
      level: 'warning',
      code: 'partial-overlap',
      message: `no total for ${label}: ${partialOverlaps.map(([a, b]) => `${a} and ${b}`).join('; ')} share HS codes without one holding the other, so adding them would count some trade twice (shares of the partner's total are left empty)`,
    });
  }
  if (unknownOverlap.length && !reported) {
    notes.push({
      level: 'warning',
      code: 'unknown-overlap',
      message: `${unknownOverlap.join(', ')} ${unknownOverlap.length === 1 ? 'is a data label' : 'are data labels'} without an HS definition in the catalog: ${unknownOverlap.length === 1 ? 'its' : 'their'} overlap with the other categories is not known, and ${label}'s total adds ${unknownOverlap.length === 1 ? 'it' : 'them'} as if separate`,
    });
  }
  const bySource = new Map<string, string[]>();
  for (const c of categories) {
    const key = c.sources.join(', ') || '(no source column)';
    bySource.set(key, [...(bySource.get(key) ?? []), c.name]);
  }
  if (bySource.size > 1) {
    notes.push({
      level: 'info',
      code: 'mixed-sources',
      message: `the listed categories come from ${bySource.size} sources (${[...bySource].map(([s, names]) => `${s}: ${names.join(', ')}`).join('; ')}): each share of a category's total stays within its source, but the partner's total adds figures published on different definitions`,
    });
  }
  if (absent.length) {
    notes.push({
      level: 'info',
      code: 'absent-categories',
      message: `${absent.length} categor${absent.length === 1 ? 'y' : 'ies'} without a ${label} figure for ${year} left out: ${absentText(absent, q.partner)}`,
      count: absent.length,
    });
  }

  const filesUsed = new Set(found.flatMap((f) => f.result.input.filesUsed));
  const prevYear = found.some((f) => f.result.query.previousYear !== null) ? year - 1 : null;
  const only = (values: Array<string | null>): string | null => {
    const set = new Set(values);
    return set.size === 1 ? ([...set][0] ?? null) : null;
  };
  return {
    query: {
      partner: q.partner.code,
      year,
      yearChosen: input.yearChosen,
      previousYear: prevYear,
      flow: q.flow,
      reporter: q.reporter ?? only(found.map((f) => f.result.query.reporter)),
      source: q.source ?? only(found.map((f) => f.result.query.source)),
    },
    partner: {
      code: q.partner.code,
      name: q.partner.name,
      kind: q.partner.kind === 'country' ? 'country' : 'unknown',
    },
    partnerTotal: {
      valueUsd: total,
      basis: reported ? 'reported-all-commodities' : 'sum-of-top-level-categories',
      categories: top.map((t) => t.def.name),
      ...change(total, prevTotal),
      listedSharesSum:
        total === null || total === 0 ? null : categories.reduce((a, c) => a + c.valueUsd, 0) / total,
      partialOverlaps,
      unknownOverlap,
    },
    categories,
    absent: absent.sort((a, b) => a.name.localeCompare(b.name)),
    notes,
    input: {
      ...input.input,
      filesUsed: input.input.files.map((f) => f.name).filter((f) => filesUsed.has(f)),
    },
    sources: [...new Set(found.flatMap((f) => f.result.sources))].sort(),
  };
}

/** Notes about files or rows as such: the same in every category, said once and not named by category. */
const FILE_NOTES = new Set(['no-flow-column', 'duplicate-rows', 'repeated-keys']);

const REASON_TEXT: Record<AbsenceReason, string> = {
  'no-data': 'no rows in the data',
  'no-data-for-year': 'no rows for the year',
  'partner-absent': 'no row for the partner that year',
  'value-missing': "the partner's value is missing",
};

/** "apparel (China has figures for 2014, 2017); autos, steel (no rows in the data)". */
export function absentText(absent: AbsentCategory[], partner: Partner): string {
  const who = partner.kind === 'country' ? partner.name : partnerLabel(partner);
  const withYears = absent.filter((a) => a.partnerYears.length > 0);
  const parts = withYears.map(
    (a) =>
      `${a.name} (${a.reason === 'value-missing' ? `${who}'s value is missing; figures` : `${who} has figures`} for ${yearList(a.partnerYears)})`,
  );
  const rest = absent.filter((a) => a.partnerYears.length === 0);
  for (const reason of Object.keys(REASON_TEXT) as AbsenceReason[]) {
    const names = rest.filter((a) => a.reason === reason).map((a) => a.name);
    if (names.length) parts.push(`${names.sort().join(', ')} (${REASON_TEXT[reason]})`);
  }
  return parts.join('; ');
}

/** "China (CN)" for a country, the quoted text for a partner the catalog does not know. */
export function partnerLabel(p: Partner): string {
  return p.kind === 'country' ? `${p.name} (${p.code})` : JSON.stringify(p.name);
}

function samePartner(code: string, p: Partner): boolean {
  return p.kind === 'country' ? code === p.code : partnerKey(code) === partnerKey(p.code);
}

function change(
  value: number | null,
  before: number | null,
): { previousValueUsd: number | null; changeUsd: number | null; changeFraction: number | null } {
  if (value === null || before === null)
    return { previousValueUsd: before, changeUsd: null, changeFraction: null };
  return {
    previousValueUsd: before,
    changeUsd: value - before,
    changeFraction: before === 0 ? null : (value - before) / before,
  };
}
