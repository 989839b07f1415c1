import { type CategoryDef, resolveCategory } from '../../catalog/categories.js';
import { listedPartner, type Partner, partnerHint, partnerKey } from '../../catalog/partners.js';
import { KorusError } from '../../errors.js';
import type { Note } from '../../model/notes.js';
import type { ReadReport, TradeRow } from '../../model/rows.js';
import { type Repeats, ShareAccumulator, yearList } from '../share/index.js';
import { CategoryIndex } from './code-index.js';
import { partnerLabel } from './partner.js';
import { breakdownOf } from './result.js';
import type {
  AbsenceReason,
  AbsentCategory,
  BreakdownInput,
  BreakdownQuery,
  BreakdownResult,
} from './types.js';

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
  /** Rows repeating an earlier one, each once (a category's accumulator counts its own). */
  private readonly repeats: Repeats = { duplicates: 0, deduped: 0, examples: [], splits: 0 };
  private readonly partnerKey: string;
  private readonly index: CategoryIndex;

  constructor(private readonly query: BreakdownQuery) {
    for (const def of query.catalog) this.entries.set(def.name, this.entry(def));
    this.partnerKey = partnerKey(query.partner.code);
    this.index = new CategoryIndex(query.catalog);
  }

  private entry(def: CategoryDef): CategoryEntry {
    const q = this.query;
    const acc = new ShareAccumulator({
      category: def,
      flow: q.flow,
      reporter: q.reporter,
      source: q.source,
      dedupe: q.dedupe,
    });
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
    // What the row was to the categories: a repeat of an earlier row in one is one in every category of
    // its code (the key holds the code), said once.
    let counted = false;
    for (const e of targets) {
      const r = e.acc.repeats;
      const { duplicates, deduped, splits } = r;
      const examples = r.examples.length;
      e.fed++;
      e.acc.add(row);
      if (isPartner) (row.value === undefined ? e.partnerMissingYears : e.partnerYears).add(row.year);
      if (!counted && (r.duplicates !== duplicates || r.deduped !== deduped || r.splits !== splits)) {
        counted = true;
        this.repeated(r, duplicates, deduped, examples);
      }
    }
    if ((p.kind === 'country' || p.kind === 'unknown') && row.value !== undefined) {
      if (this.partnersSeen.size < 500 || this.partnersSeen.has(p.code))
        this.partnersSeen.set(p.code, p.name);
    }
  }

  /**
   * Counts once a row that a category's accumulator counted as a repeat: its counts are `r`, and were
   * `duplicates`, `deduped` and `examples` (their number) before it took the row.
   */
  private repeated(r: Repeats, duplicates: number, deduped: number, examples: number): void {
    const mine = this.repeats;
    if (r.duplicates > duplicates) mine.duplicates++;
    else if (r.deduped > deduped) mine.deduped++;
    else {
      mine.splits++;
      mine.firstSplit ??= r.firstSplit;
    }
    const example = r.examples.length > examples ? r.examples.at(-1) : undefined;
    if (example && mine.examples.length < 5) mine.examples.push(example);
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
      list = this.index.of(code, system).map((def) => this.entries.get(def.name) as CategoryEntry);
      this.byCode.set(key, list);
    }
    return list;
  }

  /**
   * The years with a figure for the partner in some category; without `totals`, in some category other than
   * all commodities (the default year is one with categories to list, not only the partner's total).
   */
  partnerYears(totals = true): number[] {
    const entries = [...this.entries.values()].filter((e) => totals || !e.def.codes?.includes('TOTAL'));
    return [...new Set(entries.flatMap((e) => [...e.partnerYears]))].sort((a, b) => a - b);
  }

  /**
   * The breakdown for `forYear`, else the query's year (default: the partner's latest). Throws KorusError
   * (exit 2) when the partner has no figure.
   */
  result(report: ReadReport, forYear?: number): BreakdownResult {
    const q = this.query;
    const entries = [...this.entries.values()];
    const label = partnerLabel(q.partner);
    const years = this.partnerYears();
    const notes: Note[] = [];
    if (years.length === 0) throw this.noPartner(label, entries);
    let year = forYear ?? q.year;
    if (year === undefined) {
      year = (this.partnerYears(false).at(-1) ?? years[years.length - 1]) as number;
      notes.push({ level: 'info', code: 'default-year', facts: { year, partner: q.partner, years } });
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
      notes.push({
        level: 'info',
        code: 'rows-in-no-category',
        facts: { rows: this.unmatched, examples: [...this.unmatchedExamples] },
        count: this.unmatched,
      });
    }
    return breakdownOf({
      query: q,
      year,
      yearChosen: forYear === undefined && q.year === undefined ? 'latest' : 'given',
      computed,
      absent,
      totalCategories: entries.filter((e) => e.def.codes?.includes('TOTAL')).map((e) => e.def.name),
      notes,
      repeats: this.repeats,
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
      partnerHint(
        q.partner,
        hint,
        [...this.partnersSeen].map(([code, name]) => listedPartner(code, name)),
      ),
    );
  }
}
