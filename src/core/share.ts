import { type CategoryDef, hsDefinition, inCategory, type MatchKind } from '../catalog/categories.js';
import type { Flow } from '../catalog/flows.js';
import { lookupPartner, type Partner, partnerHint, partnerKey } from '../catalog/partners.js';
import { KorusError } from '../errors.js';
import type { Note } from '../model/notes.js';
import type { FileStats, ReadReport, TradeRow } from '../model/rows.js';
import { KeyTable } from './key-table.js';
import { Distinct, ExactSum, Tally } from './tally.js';

/** What `share` is asked. */
export interface ShareQuery {
  category: CategoryDef;
  year?: number;
  flow: Flow;
  reporter?: string;
  source?: string;
  /** Highlighted, and kept in the rows even outside the top N. */
  partner?: Partner;
  /** The year (default), January to the latest month (--ytd), or the 12 months ending then (--year-ending). */
  period?: PeriodKind;
  top?: number;
  /** Count exact repeats of a row once (default: every row as the file gives it, with a warning). */
  dedupe?: boolean;
  /**
   * What the rows are of: partners (default), or reporters (several reporters' trade with one partner:
   * who supplies China, as each exporter reports it). By reporter, only the query partner's rows count.
   */
  by?: 'partner' | 'reporter';
}

/** What a figure covers: a year, a year to date, or twelve months ending in a month. */
export type PeriodKind = 'year' | 'ytd' | 'year-ending';

/** One row of a share table. */
export interface ShareRow {
  kind: 'partner' | 'other-partners' | 'remainder' | 'not-itemized';
  /** ISO alpha-2 for known countries, the data's own text for unknown partners, null for the other kinds. */
  code: string | null;
  name: string;
  valueUsd: number;
  /** Fraction of the total (0.0031 is 0.31%); null when the total is 0. */
  share: number | null;
  rank: number | null;
  previousValueUsd: number | null;
  changeUsd: number | null;
  changeFraction: number | null;
  highlighted: boolean;
  /** For `other-partners`: how many partners it folds together. */
  partners?: number;
}

/** How the denominator was found. */
export type TotalBasis = 'reported-total' | 'sum-of-partners';

/** Counts of input rows: read = used + filtered + missing + aggregate, always. */
export interface InputStats {
  files: FileStats[];
  /** The files that gave rows to the result (the others were read and filtered out). */
  filesUsed: string[];
  /** The files' layout, or "mixed". */
  layout: string;
  rowsRead: number;
  rowsUsed: number;
  rowsFiltered: number;
  rowsMissing: number;
  rowsAggregate: number;
  missingByMarker: Record<string, number>;
  /** Of the aggregate rows: World/total rows used as the reported total, and country-group rows left out. */
  aggregateTotals: number;
  aggregateGroups: number;
}

/** The answer to a share query: figures, the choices behind them, and the accounting of every row. */
export interface ShareResult {
  query: {
    category: string;
    year: number;
    yearChosen: 'given' | 'latest';
    previousYear: number | null;
    flow: Flow;
    reporter: string | null;
    source: string | null;
    partner: string | null;
    /** What the rows are of: partners, or (several reporters' trade with one partner) reporters. */
    by: 'partner' | 'reporter';
    top: number | null;
    /** year, ytd or year-ending, what the figures cover, and what the previous figures cover. */
    period: PeriodKind;
    periodLabel: string;
    previousPeriodLabel: string | null;
  };
  category: {
    name: string;
    label: string;
    /** How rows were matched: by the data's category column, by HS code against the catalog, or both. */
    matchedBy: Array<MatchKind>;
    hsDefinition: string | null;
    note: string;
    /** The data's own statements of the definition (a `definition` column), if any. */
    dataDefinitions: string[];
  };
  valueBasis: string[];
  total: {
    valueUsd: number;
    basis: TotalBasis;
    itemizedUsd: number;
    remainderUsd: number;
    notItemizedUsd: number;
    previousValueUsd: number | null;
    changeUsd: number | null;
    changeFraction: number | null;
  };
  rows: ShareRow[];
  notes: Note[];
  input: InputStats;
  sources: string[];
  concentration: Concentration;
}

/** How concentrated the supply is: the Herfindahl-Hirschman index and the top shares. */
export interface Concentration {
  /** HHI, 0-10,000: the sum of squared percentage shares of the itemized partners (of their own sum). */
  hhi: number | null;
  /** The antitrust bands: under 1,500 low, 1,500-2,500 moderate, over 2,500 high. */
  band: 'low' | 'moderate' | 'high' | null;
  partners: number;
  /** The largest partner's and the five largest partners' share of the total (as in the rows). */
  top1Share: number | null;
  top5Share: number | null;
  /** The itemized partners' part of the total: under 1, the HHI covers them only. */
  itemizedShareOfTotal: number | null;
}

/** The HHI and top shares of a set of partner values, with `total` the denominator of the shares. */
export function concentrationOf(values: number[], total: number): Concentration {
  const sorted = values.filter((v) => v > 0).sort((a, b) => b - a);
  const itemized = sorted.reduce((a, v) => a + v, 0);
  const hhi = itemized > 0 ? sorted.reduce((a, v) => a + ((v / itemized) * 100) ** 2, 0) : null;
  const top = (n: number) =>
    total > 0 && sorted.length ? sorted.slice(0, n).reduce((a, v) => a + v, 0) / total : null;
  return {
    hhi,
    band: hhi === null ? null : hhi < 1500 ? 'low' : hhi <= 2500 ? 'moderate' : 'high',
    partners: sorted.length,
    top1Share: top(1),
    top5Share: top(5),
    itemizedShareOfTotal: total > 0 ? itemized / total : null,
  };
}

interface PartnerSum {
  /** A number for the partner, unique in the accumulator, for the key table. */
  idx: number;
  partner: Partner;
  sum: ExactSum;
  /** The sum as a number, set when the result is computed. */
  value: number;
}

/** Rows that repeat one already seen: exact duplicates (left out) and repeats with another value (added). */
interface Repeats {
  /** Exact repeats (same key and value) counted as given, and those left out by --dedupe. */
  duplicates: number;
  deduped: number;
  examples: string[];
  splits: number;
  firstSplit?: string;
}

/** A row that splits a figure by a hidden dimension, kept until its total row is known to be there. */
interface DetailKey {
  lo: number;
  hi: number;
  file: string;
  line: number;
  dimension: string;
  what: string;
}

/** The refusal when rows come from several reporters: the caller may answer by reporter instead. */
export class SeveralReporters extends KorusError {
  constructor(
    message: string,
    hint: string,
    readonly reporters: string[],
  ) {
    super(message, 2, hint);
    this.name = 'SeveralReporters';
  }
}

/** Everything kept about one year of the rows that pass the filters: per-partner sums, never rows. */
class YearBucket {
  readonly partners = new Map<string, PartnerSum>();
  readonly missingPartners = new Map<string, string>();
  /** "All other" rows and pseudo-partners (Areas nes, Bunkers, Unspecified), each its own labelled remainder. */
  readonly remainders = new Map<string, PartnerSum>();
  remainderRows = 0;
  /** Rows that split a figure by a hidden dimension (left out: the total rows are used). */
  detailRows = 0;
  /** The classifications of the codes used (HS, SITC): never two in one answer. */
  readonly systems = new Distinct<string>();
  lastSystem: string | undefined;
  readonly totalEntry: PartnerSum = entry({ kind: 'world', code: 'WLD', name: 'World' });
  totalRows = 0;
  /** The HS codes met (each once), to catch levels that nest (61 and 6109). */
  readonly codes = new Set<string>();
  /** Tells this bucket's keys from another's in the accumulator's key table. */
  readonly id: number;
  constructor(id: number) {
    this.id = id;
  }
  partnerRows = 0;
  groupRows = 0;
  missingRows = 0;
  readonly missingByMarker = new Map<string, number>();
  readonly unknown = new Map<string, number>();
  negative = 0;
  firstNegative?: TradeRow;
  maxScale = 0;
  readonly sources = new Tally<string>();
  readonly reporters = new Tally<string>();
  readonly matchedBy = new Distinct<MatchKind>();
  readonly basis = new Distinct<string>();
  readonly definitions = new Distinct<string>();
  readonly noFlowFiles = new Set<string>();
  readonly files = new Distinct<string>();

  get total(): number {
    return this.totalEntry.sum.value();
  }
  get remainder(): number {
    return sumValues([...this.remainders.values()].map((r) => ({ value: r.sum.value() })));
  }

  /** The remainder entry of a partner ("All other", or a pseudo-partner). */
  remainderOf(p: Partner): PartnerSum {
    let r = this.remainders.get(p.code);
    if (!r) {
      r = entry(p);
      this.remainders.set(p.code, r);
    }
    return r;
  }
  /** Turns the partner sums into numbers for ranking and shares. */
  settle(): void {
    for (const p of this.partners.values()) p.value = p.sum.value();
  }

  get rows(): number {
    return this.partnerRows + this.remainderRows + this.totalRows + this.groupRows + this.missingRows;
  }

  /**
   * Adds another bucket's sums into this one, times `sign` (a year ending in June from year-to-date
   * figures takes one year's December and subtracts its June). Counts and labels are merged as they are.
   */
  absorb(o: YearBucket, sign: 1 | -1): void {
    for (const [code, p] of o.partners) {
      let mine = this.partners.get(code);
      if (!mine) {
        mine = entry(p.partner);
        this.partners.set(code, mine);
      }
      mine.sum.add(sign * p.sum.value());
    }
    for (const [code, marker] of o.missingPartners) this.missingPartners.set(code, marker);
    for (const [, r] of o.remainders) this.remainderOf(r.partner).sum.add(sign * r.sum.value());
    this.detailRows += o.detailRows;
    for (const v of o.systems.values()) this.systems.add(v);
    if (o.totalRows) this.totalEntry.sum.add(sign * o.total);
    this.remainderRows += o.remainderRows;
    this.totalRows += o.totalRows;
    this.partnerRows += o.partnerRows;
    this.groupRows += o.groupRows;
    this.missingRows += o.missingRows;
    for (const [m, n] of o.missingByMarker)
      this.missingByMarker.set(m, (this.missingByMarker.get(m) ?? 0) + n);
    for (const [u, n] of o.unknown) this.unknown.set(u, (this.unknown.get(u) ?? 0) + n);
    this.negative += o.negative;
    this.firstNegative ??= o.firstNegative;
    this.maxScale = Math.max(this.maxScale, o.maxScale);
    for (const [k, n] of o.sources.counts()) this.sources.addCount(k, n);
    for (const [k, n] of o.reporters.counts()) this.reporters.addCount(k, n);
    for (const v of o.matchedBy.values()) this.matchedBy.add(v);
    for (const v of o.basis.values()) this.basis.add(v);
    for (const v of o.definitions.values()) this.definitions.add(v);
    for (const v of o.files.values()) this.files.add(v);
    for (const v of o.noFlowFiles) this.noFlowFiles.add(v);
    for (const v of o.codes) this.codes.add(v);
  }
  get hasData(): boolean {
    return this.partners.size > 0 || this.totalRows > 0 || this.remainderRows > 0;
  }
}

let partnerIds = 0;

/** A small number for each distinct text (a reporter, a source), for the key table. */
function idOf(map: Map<string, number>, text: string): number {
  let id = map.get(text);
  if (id === undefined) {
    id = map.size;
    map.set(text, id);
  }
  return id;
}

/** A reporter, shown in the place of a partner (by reporter). */
function reporterAsPartner(reporter: string): Partner {
  const p = lookupPartner(reporter);
  return p.kind === 'country' ? p : { kind: 'unknown', code: reporter, name: reporter };
}

function entry(partner: Partner): PartnerSum {
  return { idx: ++partnerIds, partner, sum: new ExactSum(), value: 0 };
}

/** One year's buckets: the annual rows, and monthly rows kept apart (never added to the annual ones). */
let bucketIds = 0;

class YearPeriods {
  annual?: YearBucket;
  /** Monthly rows of flows (not cumulative), per month. */
  readonly months = new Map<number, YearBucket>();
  /** Cumulative year-to-date rows (Census *_YR), per month: the latest month is the year so far. */
  readonly cumulative = new Map<number, YearBucket>();

  constructor(readonly year: number) {}

  bucketFor(row: TradeRow): YearBucket {
    const month = row.month ?? 0;
    if (month === 0) {
      this.annual ??= new YearBucket(++bucketIds);
      return this.annual;
    }
    const map = row.cumulative ? this.cumulative : this.months;
    let b = map.get(month);
    if (!b) {
      b = new YearBucket(++bucketIds);
      map.set(month, b);
    }
    return b;
  }

  all(): YearBucket[] {
    return [this.annual, ...this.months.values(), ...this.cumulative.values()].filter(
      (b): b is YearBucket => b !== undefined,
    );
  }

  get hasData(): boolean {
    return this.all().some((b) => b.hasData);
  }

  /** The latest month with monthly figures, or 0. */
  get lastMonth(): number {
    let m = 0;
    for (const [k, b] of [...this.months, ...this.cumulative]) if (b.hasData && k > m) m = k;
    return m;
  }

  /** The bucket that stands for the year: the annual rows first, then the latest YTD month, then the months added. */
  effective(throughMonth?: number): Period | undefined {
    if (this.annual?.hasData && throughMonth === undefined) {
      return { bucket: this.annual, parts: [this.annual], period: 'year', lastMonth: 12 };
    }
    const ytd = [...this.cumulative.entries()]
      .filter(([m, b]) => b.hasData && (throughMonth === undefined || m === throughMonth))
      .sort((a, b) => b[0] - a[0])[0];
    if (ytd) {
      return {
        bucket: ytd[1],
        parts: [ytd[1]],
        period:
          ytd[0] === 12
            ? 'the whole year (its December year-to-date rows)'
            : `${monthRange(ytd[0])} (year to date)`,
        lastMonth: ytd[0],
      };
    }
    const months = [...this.months.entries()].filter(([, b]) => b.hasData).sort((a, b) => a[0] - b[0]);
    if (!months.length) return undefined;
    const list = months.map(([m]) => m);
    return {
      ...merged(months.map(([, b]) => [b, 1])),
      period:
        list.length === 12
          ? 'the whole year (its 12 months added)'
          : `months ${list.map((m) => MONTHS[m - 1]).join(', ')} only`,
      lastMonth: list[list.length - 1] as number,
    };
  }

  /** January through `month` of this year: the cumulative figure, or the months added. Undefined when a month is missing. */
  ytd(month: number): Period | undefined {
    const label = `${monthRange(month)} ${this.year}`;
    const cum = this.cumulative.get(month);
    if (cum?.hasData) return { bucket: cum, parts: [cum], period: label, lastMonth: month };
    const parts: Array<[YearBucket, 1]> = [];
    for (let m = 1; m <= month; m++) {
      const b = this.months.get(m);
      if (!b?.hasData) return undefined;
      parts.push([b, 1]);
    }
    return { ...merged(parts), period: label, lastMonth: month };
  }

  /** The months after `month` to December (what a year ending in `month` takes from this year). */
  rest(month: number): Array<[YearBucket, 1 | -1]> | undefined {
    if (month === 12) return [];
    const dec = this.cumulative.get(12);
    const cut = this.cumulative.get(month);
    if (dec?.hasData && cut?.hasData)
      return [
        [dec, 1],
        [cut, -1],
      ];
    const parts: Array<[YearBucket, 1]> = [];
    for (let m = month + 1; m <= 12; m++) {
      const b = this.months.get(m);
      if (!b?.hasData) return undefined;
      parts.push([b, 1]);
    }
    return parts;
  }
}

/** What stands for a period: one bucket (possibly merged), the raw buckets it came from, and its name. */
interface Period {
  bucket: YearBucket;
  parts: YearBucket[];
  period: string;
  lastMonth: number;
}

/** A new bucket adding (or subtracting) others. */
function merged(parts: Array<[YearBucket, 1 | -1]>): { bucket: YearBucket; parts: YearBucket[] } {
  const bucket = new YearBucket(++bucketIds);
  for (const [b, sign] of parts) bucket.absorb(b, sign);
  return { bucket, parts: parts.map(([b]) => b) };
}

function monthRange(month: number): string {
  return month === 1 ? 'January' : `January-${FULL_MONTHS[month - 1]}`;
}

const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const bump = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/**
 * Accumulates trade rows for a share query as they stream (memory grows with partners and years, not
 * rows), then computes shares, ranks and changes. Pure: no I/O.
 */
export class ShareAccumulator {
  private readonly years = new Map<number, YearPeriods>();
  private filtered = 0;
  private readonly repeats: Repeats = { duplicates: 0, deduped: 0, examples: [], splits: 0 };
  /** Rows by a hidden dimension: their keys, to check each has its total row. */
  private readonly details = new Map<string, DetailKey>();
  private readonly reporterIds = new Map<string, number>();
  private readonly sourceIds = new Map<string, number>();
  /** Every (bucket, partner, code) seen, with its last row: a few bytes each, not the rows. */
  private readonly keys = new KeyTable(true);
  private readonly files: string[] = [];
  private lastFile = '';
  private lastFileIndex = 0;
  private readonly codeIds = new Map<string, number>();

  constructor(private readonly query: ShareQuery) {}

  /** Takes one row into the sums (or counts it as filtered out). */
  add(row: TradeRow): void {
    const q = this.query;
    const how = row.match ?? inCategory(row.category, row.code, q.category, row.system);
    if (
      !how ||
      (row.flow !== undefined && row.flow !== q.flow) ||
      (q.reporter !== undefined && row.reporter !== q.reporter) ||
      (q.source !== undefined && row.source.toLowerCase() !== q.source.toLowerCase())
    ) {
      this.filtered++;
      return;
    }
    // By reporter: the query partner's rows, each reporter in the place of a partner.
    let p = row.partner;
    if (q.by === 'reporter') {
      if (!q.partner || p.code !== q.partner.code || !row.reporter) {
        this.filtered++;
        return;
      }
      p = reporterAsPartner(row.reporter);
    }
    let periods = this.years.get(row.year);
    if (!periods) {
      periods = new YearPeriods(row.year);
      this.years.set(row.year, periods);
    }
    const b = periods.bucketFor(row);
    if (row.detail !== undefined) {
      // A part of a total row by a hidden dimension: left out, but its total must be there (groups are
      // left out whole).
      b.detailRows++;
      this.filtered++;
      if (p.kind !== 'group') this.detail(b, p, row);
      return;
    }
    b.matchedBy.add(how);
    b.files.add(row.file);
    b.sources.add(row.source);
    b.reporters.add(q.by === 'reporter' ? '' : row.reporter);
    if (row.system !== undefined && row.system !== b.lastSystem) {
      b.lastSystem = row.system;
      b.systems.add(row.system);
    }
    if (row.basis) b.basis.add(row.basis);
    if (row.definition) b.definitions.add(row.definition);
    if (row.flow === undefined) b.noFlowFiles.add(row.file);
    if (row.valueScale > b.maxScale) b.maxScale = row.valueScale;
    if (row.value === undefined) {
      b.missingRows++;
      bump(b.missingByMarker, row.marker ?? '');
      if (p.kind === 'country' || p.kind === 'unknown') b.missingPartners.set(p.code, row.marker ?? '');
      return;
    }
    if (row.value < 0) {
      b.negative++;
      b.firstNegative ??= { ...row }; // rows may be refilled by the reader: keep a copy
    }
    switch (p.kind) {
      case 'world':
        if (this.keyed(b, b.totalEntry, row, row.value, 'world')) b.totalRows++;
        else this.filtered++;
        return;
      case 'group':
        b.groupRows++;
        return;
      case 'remainder':
      case 'pseudo':
        if (this.keyed(b, b.remainderOf(p), row, row.value, 'remainder')) b.remainderRows++;
        else this.filtered++;
        return;
      default: {
        if (p.kind === 'unknown') bump(b.unknown, p.name);
        let sum = b.partners.get(p.code);
        if (!sum) {
          sum = entry(p);
          b.partners.set(p.code, sum);
        }
        if (this.keyed(b, sum, row, row.value, 'partner')) b.partnerRows++;
        else this.filtered++;
      }
    }
  }

  /** The key of a row: its bucket, partner, code, reporter and source, as numbers. */
  private key(b: YearBucket, sum: PartnerSum, row: TradeRow): KeyTable {
    const key = row.code ?? row.category ?? '';
    let codeId = this.codeIds.get(key);
    if (codeId === undefined) {
      codeId = this.codeIds.size;
      this.codeIds.set(key, codeId);
    }
    return this.keys
      .begin()
      .int(b.id)
      .int(sum.idx)
      .int(codeId)
      .int(this.reporterId(row.reporter))
      .int(this.sourceId(row.source));
  }

  // Rows of one file mostly share a reporter and a source: the last id is kept, not looked up.
  private lastReporter = '';
  private lastReporterId = -1;
  private lastSource = '';
  private lastSourceId = -1;
  private reporterId(text: string): number {
    if (text !== this.lastReporter || this.lastReporterId < 0) {
      this.lastReporter = text;
      this.lastReporterId = idOf(this.reporterIds, text);
    }
    return this.lastReporterId;
  }
  private sourceId(text: string): number {
    if (text !== this.lastSource || this.lastSourceId < 0) {
      this.lastSource = text;
      this.lastSourceId = idOf(this.sourceIds, text);
    }
    return this.lastSourceId;
  }

  /** Notes a detail row's key (once per key), to check at the end that its total row came. */
  private detail(b: YearBucket, p: Partner, row: TradeRow): void {
    const sum = this.entryFor(b, p);
    const k = this.key(b, sum, row);
    const [lo, hi] = k.hash();
    const id = `${lo}:${hi}`;
    if (this.details.has(id)) return;
    this.details.set(id, {
      lo,
      hi,
      file: row.file,
      line: row.line,
      dimension: row.detail ?? '',
      what: `${row.year} ${p.name}${row.code ? ` ${row.code}` : ''}${row.reporter ? ` (reporter ${row.reporter})` : ''}`,
    });
  }

  /** The sum a partner's rows go to in a bucket (made when first needed). */
  private entryFor(b: YearBucket, p: Partner): PartnerSum {
    if (p.kind === 'world') return b.totalEntry;
    if (p.kind === 'remainder' || p.kind === 'pseudo') return b.remainderOf(p);
    let sum = b.partners.get(p.code);
    if (!sum) {
      sum = entry(p);
      b.partners.set(p.code, sum);
    }
    return sum;
  }

  /**
   * Adds a row's value to its sum, every row as the file gives it, as SQL's SUM() would. A row repeating
   * one already seen (same year, period, partner, code, reporter and source) is counted and said: an exact
   * repeat with a warning (--dedupe counts it once), a repeat with another value in a note (the file
   * splits the figure by a column not read). Two files giving different values for one key, and two World
   * rows for one key, stop the run. Returns whether the row was added.
   */
  private keyed(
    b: YearBucket,
    sum: PartnerSum,
    row: TradeRow,
    value: number,
    kind: 'partner' | 'world' | 'remainder',
  ): boolean {
    if (row.file !== this.lastFile) {
      this.lastFile = row.file;
      this.lastFileIndex = this.files.indexOf(row.file);
      if (this.lastFileIndex === -1) this.lastFileIndex = this.files.push(row.file) - 1;
    }
    const fileIndex = this.lastFileIndex;
    // Keys are numbers (bucket, partner, code, reporter, source), so a row is hashed without a string in sight.
    const code = row.code ?? row.category ?? '';
    let codeId = this.codeIds.get(code);
    if (codeId === undefined) {
      codeId = this.codeIds.size;
      this.codeIds.set(code, codeId);
    }
    const k = this.keys
      .begin()
      .int(b.id)
      .int(sum.idx)
      .int(codeId)
      .int(
        row.reporter === this.lastReporter && this.lastReporterId >= 0
          ? this.lastReporterId
          : this.reporterId(row.reporter),
      )
      .int(
        row.source === this.lastSource && this.lastSourceId >= 0
          ? this.lastSourceId
          : this.sourceId(row.source),
      );
    const slot = k.find();
    if (slot === -1) {
      k.add(row.line, fileIndex, value);
      if (row.code !== undefined) b.codes.add(row.code);
    } else {
      const seenValue = k.value(slot);
      if (seenValue === value && this.query.dedupe) {
        this.repeats.deduped++;
        if (this.repeats.examples.length < 5) this.repeats.examples.push(this.repeatAt(k, slot, row));
        return false;
      }
      if (kind === 'world') throw this.twoTotals(k, slot, sum, row, value);
      if (seenValue === value) {
        this.repeats.duplicates++;
        if (this.repeats.examples.length < 5) this.repeats.examples.push(this.repeatAt(k, slot, row));
      } else {
        if (this.files[k.file(slot)] !== row.file) throw this.twoFiles(k, slot, sum, row, value);
        this.repeats.splits++;
        this.repeats.firstSplit ??= `${row.file}:${row.line} (first at line ${k.line(slot)})`;
      }
      k.update(slot, row.line, fileIndex, value);
    }
    sum.sum.add(value);
    return true;
  }

  // The texts of a repeat, made only when said: on most files repeats are rare, on some every row is one.
  private repeatAt(k: KeyTable, slot: number, row: TradeRow): string {
    return `${row.file}:${row.line} repeats ${this.files[k.file(slot)] ?? ''}:${k.line(slot)}`;
  }

  private repeatWhat(sum: PartnerSum, row: TradeRow): string {
    const code = row.code ?? row.category;
    return `${row.year}${row.month ? `-${String(row.month).padStart(2, '0')}` : ''} ${sum.partner.name}${code ? ` ${code}` : ''}`;
  }

  private twoTotals(k: KeyTable, slot: number, sum: PartnerSum, row: TradeRow, value: number): KorusError {
    const seenValue = k.value(slot);
    return new KorusError(
      `two World/total rows for ${this.repeatWhat(sum, row)}: ${seenValue} (${this.files[k.file(slot)] ?? ''}:${k.line(slot)}) and ${value} (${row.file}:${row.line}); a total is given once`,
      2,
      seenValue === value
        ? 'the file repeats the row: --dedupe counts exact repeats once'
        : 'the file holds two totals for one key (another flow, period or dimension korus-stats does not read?)',
    );
  }

  private twoFiles(k: KeyTable, slot: number, sum: PartnerSum, row: TradeRow, value: number): KorusError {
    return new KorusError(
      `two files give different values for ${this.repeatWhat(sum, row)}: ${k.value(slot)} (${this.files[k.file(slot)] ?? ''}:${k.line(slot)}) and ${value} (${row.file}:${row.line})`,
      2,
      'pick one with --source, or read the files separately',
    );
  }

  /** Refuses a breakdown by a hidden dimension whose total row is missing for some key. */
  private checkDetails(): void {
    for (const d of this.details.values()) {
      if (this.keys.seek(d.lo, d.hi).find() !== -1) continue;
      throw new KorusError(
        `${d.file}:${d.line}: ${d.what} is broken down by ${d.dimension} and has no total row: adding the parts could count figures twice or miss some`,
        2,
        'download the data with the totals of that dimension included',
      );
    }
  }

  /** The years that have figures for the query's category, flow, reporter and source. */
  yearsWithData(): number[] {
    return [...this.years.entries()]
      .filter(([, b]) => b.hasData)
      .map(([y]) => y)
      .sort((a, b) => a - b);
  }

  /** Computes the share table. Throws KorusError (exit 2) when the query cannot be answered from the data. */
  result(report: ReadReport, forYear?: number): ShareResult {
    const q = this.query;
    const years = this.yearsWithData();
    if (years.length === 0) throw this.noData();
    const notes: Note[] = [];
    let year = forYear ?? q.year;
    if (year === undefined) {
      year = years[years.length - 1] as number;
      notes.push({
        level: 'info',
        code: 'default-year',
        message: `no --year given: using ${year}, the latest year with ${q.category.name} data (years: ${yearList(years)})`,
      });
    }
    const kind = q.period ?? 'year';
    const curPeriods = this.years.get(year);
    const curEff = kind === 'year' ? curPeriods?.effective() : this.monthly(kind, year);
    if (!curPeriods || !curEff) {
      throw new KorusError(
        `no ${q.category.name} ${q.flow} data for ${year}`,
        2,
        `years with data: ${yearList(years)}`,
      );
    }
    const cur = curEff.bucket;
    // The previous year, over the same months: a year-to-date figure is compared with the same months.
    const prevPeriods = this.years.get(year - 1);
    const prevEff =
      kind === 'year'
        ? prevPeriods?.effective(curEff.period === 'year' ? undefined : curEff.lastMonth)
        : this.monthly(kind, year - 1, curEff.lastMonth);
    const comparable = prevEff !== undefined && (kind !== 'year' || prevEff.period === curEff.period);
    const prev = comparable ? prevEff.bucket : undefined;
    const prevYear = prev ? year - 1 : null;
    if (kind !== 'year') {
      notes.push({
        level: 'info',
        code: 'period',
        message: `the figures are for ${curEff.period}${prev ? `, compared with ${prevEff?.period}` : ''}`,
      });
    } else if (curEff.period !== 'year') {
      notes.push({ level: 'info', code: 'period', message: `${year}: the figures are for ${curEff.period}` });
    }
    if (prevEff && !comparable) {
      notes.push({
        level: 'info',
        code: 'no-comparable-period',
        message: `${year - 1} has figures for ${prevEff.period}, not ${curEff.period}: no changes are shown`,
      });
    }
    const unusedMonthly = curPeriods.all().filter((b) => !curEff.parts.includes(b) && b.hasData);
    if (unusedMonthly.length && kind === 'year' && curEff.period === 'year') {
      const n = unusedMonthly.reduce((a, b) => a + b.rows, 0);
      notes.push({
        level: 'info',
        code: 'monthly-rows-unused',
        message: `${year}: ${n} monthly row${n === 1 ? '' : 's'} left out; the annual rows are used (months and years are never added together)`,
        count: n,
      });
    }
    const buckets = prev ? [cur, prev] : [cur];
    const used = [...new Set([...curEff.parts, ...(comparable ? prevEff.parts : [])])];
    for (const b of buckets) b.settle();
    this.checkSingle(buckets, 'sources', 'source', '--source');
    this.checkSingle(buckets, 'reporters', 'reporter', '--reporter');
    this.checkBases(buckets);
    this.checkSystems(buckets, year);
    for (const b of buckets) this.checkLevels(b, year);
    this.checkDetails();

    // Denominator: a reported World/total row when there is one (the OTEXA practice), else the parts.
    const itemized = sumValues(cur.partners.values());
    const reported = cur.totalRows > 0;
    const total = reported ? cur.total : itemized + cur.remainder;
    const notItemized = reported ? total - itemized - cur.remainder : 0;
    const tolerance = Math.max(Math.abs(total) * 0.005, 2 * 10 ** cur.maxScale);
    if (reported && notItemized < 0) {
      // Never a row: a negative remainder is the published rounding, or partners that are too large.
      const within = notItemized >= -tolerance;
      notes.push({
        level: within ? 'info' : 'warning',
        code: 'partners-exceed-total',
        message: `the listed partners add up to ${usd(itemized + cur.remainder)}, more than the reported total ${usd(total)} (by ${usd(-notItemized)}${within ? ', within the rounding of the table' : ''}): no "not itemized" row; the shares add up to more than 100%`,
      });
    }
    const shareOf = (v: number): number | null => (total === 0 ? null : v / total);

    // Rank partners: largest first, ties share a rank, names break ties in order.
    const ranked = [...cur.partners.values()].sort(
      (a, b) => b.value - a.value || a.partner.name.localeCompare(b.partner.name),
    );
    const rows: ShareRow[] = [];
    const highlighted =
      q.partner && q.by !== 'reporter' ? this.findPartner(q.partner, cur, year, notes) : undefined;
    let rank = 0;
    let folded: PartnerSum[] = [];
    ranked.forEach((p, i) => {
      if (i === 0 || p.value !== ranked[i - 1]?.value) rank = i + 1;
      const isHighlighted = p.partner.code === highlighted;
      if (q.top !== undefined && i >= q.top && !isHighlighted) {
        folded.push(p);
        return;
      }
      const before = prev?.partners.get(p.partner.code)?.value;
      rows.push({
        kind: 'partner',
        code: p.partner.code,
        name: p.partner.name,
        valueUsd: p.value,
        share: shareOf(p.value),
        rank,
        ...change(p.value, before),
        highlighted: isHighlighted,
      });
    });
    if (folded.length) {
      const value = sumValues(folded);
      const befores = folded.map((p) => prev?.partners.get(p.partner.code)?.value);
      const before = befores.every((v) => v !== undefined) ? befores.reduce((a, v) => a + v, 0) : undefined;
      rows.push({
        kind: 'other-partners',
        code: null,
        name: `Other partners (${folded.length})`,
        valueUsd: value,
        share: shareOf(value),
        rank: null,
        ...change(value, before),
        highlighted: false,
        partners: folded.length,
      });
      folded = [];
    }
    // "All other" first, then the pseudo-partners (Areas nes, Bunkers, Unspecified), largest first.
    const remainders = [...cur.remainders.values()].sort(
      (a, b) =>
        Number(b.partner.kind === 'remainder') - Number(a.partner.kind === 'remainder') ||
        b.sum.value() - a.sum.value() ||
        a.partner.name.localeCompare(b.partner.name),
    );
    for (const r of remainders) {
      const value = r.sum.value();
      const was = prev?.remainders.get(r.partner.code);
      rows.push({
        kind: 'remainder',
        code: r.partner.kind === 'remainder' ? null : r.partner.code,
        name: r.partner.kind === 'remainder' ? 'All other (as reported)' : r.partner.name,
        valueUsd: value,
        share: shareOf(value),
        rank: null,
        ...change(value, was?.sum.value()),
        highlighted: false,
      });
    }
    if (notItemized > 0) {
      rows.push({
        kind: 'not-itemized',
        code: null,
        name: 'Not itemized',
        valueUsd: notItemized,
        share: shareOf(notItemized),
        rank: null,
        ...change(notItemized, undefined),
        highlighted: false,
      });
    }

    const standIn = [...cur.partners.values()].find((p) => p.partner.standsFor);
    if (standIn && !notes.some((n) => n.code === 'partner-stand-in')) {
      notes.push({
        level: 'info',
        code: 'partner-stand-in',
        message: `"${standIn.partner.name}" is UN Comtrade's area 490, under which partners report their trade with ${standIn.partner.standsFor === 'TW' ? 'Taiwan' : standIn.partner.standsFor} (as data users read it; Comtrade's reference list does not say so): --partner ${standIn.partner.standsFor} finds it`,
      });
    }
    const prevTotal = prev
      ? prev.totalRows > 0
        ? prev.total
        : sumValues(prev.partners.values()) + prev.remainder
      : undefined;
    const prevBasisDiffers = prev && prev.totalRows > 0 !== reported;
    this.rowNotes(cur, notes, year);
    if (prev) this.rowNotes(prev, notes, prevYear as number);
    const r = this.repeats;
    if (r.duplicates) {
      notes.push({
        level: 'warning',
        code: 'duplicate-rows',
        message: `${r.duplicates} row${r.duplicates === 1 ? '' : 's'} repeat${r.duplicates === 1 ? 's' : ''} an earlier row exactly (year, partner, code and value): counted as given, as SQL's SUM() does (${r.examples.join('; ')}${r.duplicates > r.examples.length ? '; ...' : ''}); --dedupe counts each once`,
        count: r.duplicates,
      });
    }
    if (r.deduped) {
      notes.push({
        level: 'info',
        code: 'duplicate-rows-deduped',
        message: `${r.deduped} exact repeat${r.deduped === 1 ? '' : 's'} of an earlier row counted once (--dedupe): ${r.examples.join('; ')}${r.deduped > r.examples.length ? '; ...' : ''}`,
        count: r.deduped,
      });
    }
    if (r.splits) {
      notes.push({
        level: 'info',
        code: 'repeated-keys',
        message: `${r.splits} row${r.splits === 1 ? '' : 's'} repeat${r.splits === 1 ? 's' : ''} a year, partner and code with another value: added, as figures split by a column not read (first: ${r.firstSplit})`,
        count: r.splits,
      });
    }
    for (const file of new Set(buckets.flatMap((b) => [...b.noFlowFiles]))) {
      notes.push({
        level: 'info',
        code: 'no-flow-column',
        message: `${file} has no flow column: its rows were taken as ${q.flow}`,
      });
    }
    if (cur.partners.size === 0) {
      notes.push({
        level: 'warning',
        code: 'no-partner-detail',
        message: `the data has only aggregate rows for ${q.category.name} ${year}: a total, no partner detail`,
      });
    }
    const input = this.inputStats(report, used);
    return {
      query: {
        category: q.category.name,
        year,
        yearChosen: forYear === undefined && q.year === undefined ? 'latest' : 'given',
        previousYear: prevYear,
        flow: q.flow,
        reporter: q.reporter ?? onlyKey(cur.reporters.counts()),
        source: q.source ?? onlyKey(cur.sources.counts()),
        partner: q.by === 'reporter' ? (q.partner?.code ?? null) : (highlighted ?? null),
        by: q.by ?? 'partner',
        top: q.top ?? null,
        period: kind,
        periodLabel: kind === 'year' ? String(year) : curEff.period,
        previousPeriodLabel: prev ? (kind === 'year' ? String(year - 1) : (prevEff?.period ?? null)) : null,
      },
      category: {
        name: q.category.name,
        label: q.category.label,
        matchedBy: [...cur.matchedBy.values()].sort(),
        hsDefinition: cur.matchedBy.has('hs-code') ? hsDefinition(q.category.hs) : null,
        note: q.category.note,
        dataDefinitions: [...cur.definitions.values()].sort(),
      },
      valueBasis: [...cur.basis.values()].sort(),
      total: {
        valueUsd: total,
        basis: reported ? 'reported-total' : 'sum-of-partners',
        itemizedUsd: itemized,
        remainderUsd: cur.remainder,
        notItemizedUsd: notItemized,
        ...(prevBasisDiffers
          ? { previousValueUsd: null, changeUsd: null, changeFraction: null }
          : change(total, prevTotal)),
      },
      rows,
      notes,
      input,
      sources: [...cur.sources.counts().keys()].filter((s) => s !== '').sort(),
      concentration: concentrationOf(
        [...cur.partners.values()].map((p) => p.value),
        total,
      ),
    };
  }

  /**
   * January to month M of a year (--ytd), or the twelve months ending in M (--year-ending); M is the
   * latest month with figures in `year` unless given.
   */
  private monthly(kind: 'ytd' | 'year-ending', year: number, month?: number): Period | undefined {
    const periods = this.years.get(year);
    const m = month ?? periods?.lastMonth ?? 0;
    if (!periods || m === 0) {
      if (month === undefined) {
        throw new KorusError(
          `no monthly ${this.query.category.name} figures for ${year}: --${kind} needs rows with a month`,
          2,
          'a month column (month, Census MONTH, Comtrade refMonth) or YYYYMM periods',
        );
      }
      return undefined;
    }
    const ytd = periods.ytd(m);
    if (kind === 'ytd') return ytd;
    if (!ytd) return undefined;
    const rest = this.years.get(year - 1)?.rest(m);
    if (!rest) return undefined;
    const parts: Array<[YearBucket, 1 | -1]> = [[ytd.bucket, 1], ...rest];
    const { bucket } = merged(parts);
    const label = m === 12 ? `the year ${year}` : `the 12 months ending ${FULL_MONTHS[m - 1]} ${year}`;
    return { bucket, parts: [...ytd.parts, ...rest.map(([b]) => b)], period: label, lastMonth: m };
  }

  /**
   * The partner asked for, found in the data first: by code, by the data's own name for it, or as the
   * area a source reports it under (Comtrade's "Other Asia, nes" for Taiwan), with a note saying so.
   */
  private findPartner(partner: Partner, cur: YearBucket, year: number, notes: Note[]): string {
    const q = this.query;
    if (cur.partners.has(partner.code)) return partner.code;
    const key = partnerKey(partner.name);
    for (const p of cur.partners.values()) {
      if (p.partner.kind === 'unknown' && partnerKey(p.partner.name) === key) return p.partner.code;
    }
    for (const p of cur.partners.values()) {
      if (p.partner.standsFor && p.partner.standsFor === partner.code) {
        notes.push({
          level: 'info',
          code: 'partner-stand-in',
          message: `${partner.name} (${partner.code}) has no row of its own in the data: its trade is reported under "${p.partner.name}", shown for it (UN Comtrade lists no ${partner.name}; data users read its "Other Asia, nes" area, 490, as ${partner.name}, which Comtrade's own reference list does not state)`,
        });
        return p.partner.code;
      }
    }
    const label =
      partner.kind === 'country' ? `${partner.name} (${partner.code})` : JSON.stringify(partner.name);
    const marker = cur.missingPartners.get(partner.code);
    if (marker !== undefined) {
      throw new KorusError(
        `${label}: the ${year} ${q.category.name} value is missing in the data (${marker === '' ? 'empty cell' : `marked ${JSON.stringify(marker)}`})`,
        2,
      );
    }
    const inYears = [...this.years.entries()]
      .filter(([, periods]) => periods.all().some((b) => b.partners.has(partner.code)))
      .map(([y]) => y);
    const names = [...cur.partners.values()].map((p) => p.partner.name).sort();
    const hint = inYears.length
      ? `years with ${partner.code}: ${yearList(inYears.sort((a, b) => a - b))}`
      : `partners in the ${year} data: ${names.join(', ') || 'none (only aggregate rows)'}`;
    throw new KorusError(
      `${label} has no ${q.category.name} ${q.flow} row for ${year}`,
      2,
      partnerHint(partner, hint),
    );
  }

  private checkSingle(buckets: YearBucket[], key: 'sources' | 'reporters', what: string, flag: string): void {
    const seen = new Map<string, number>();
    for (const b of buckets) for (const [k, n] of b[key].counts()) bump(seen, k, n);
    if (seen.size <= 1) return;
    const list = [...seen]
      .map(([k, n]) => `${k === '' ? `(no ${what})` : k} (${n} row${n === 1 ? '' : 's'})`)
      .join(', ');
    const message = `${this.query.category.name} rows come from ${seen.size} ${what === 'source' ? 'sources' : 'reporters'}: ${list}; adding them together would mix ${what === 'source' ? 'definitions and count figures twice' : 'reporting countries'}`;
    if (what === 'reporter') {
      throw new SeveralReporters(
        message,
        `pick one with ${flag}, or compare the reporters' trade with one partner with --by reporter --partner P`,
        [...seen.keys()],
      );
    }
    throw new KorusError(message, 2, `pick one with ${flag}`);
  }

  /** Whether the rows of the year hold one partner only (the one asked about): the question is then by reporter. */
  onlyPartnerIs(partner: Partner, year?: number): boolean {
    const y = year ?? this.query.year ?? this.yearsWithData().at(-1);
    const periods = y === undefined ? undefined : this.years.get(y);
    if (!periods) return false;
    const codes = new Set<string>();
    for (const b of periods.all()) for (const code of b.partners.keys()) codes.add(code);
    return codes.size === 1 && codes.has(partner.code);
  }

  /** Refuses codes of two classifications in one answer (HS and SITC rows for one year count twice). */
  private checkSystems(buckets: YearBucket[], year: number): void {
    const systems = new Set(buckets.flatMap((b) => [...b.systems.values()]));
    if (systems.size <= 1) return;
    throw new KorusError(
      `${year}: ${this.query.category.name} rows are in ${[...systems].join(' and ')} codes: the same trade in two classifications would count twice`,
      2,
      'read one classification (filter the file, or download one)',
    );
  }

  /** Refuses to add values of different bases (general imports and imports for consumption, CIF and FOB). */
  private checkBases(buckets: YearBucket[]): void {
    const bases = new Set(buckets.flatMap((b) => [...b.basis.values()]));
    if (bases.size <= 1) return;
    throw new KorusError(
      `${this.query.category.name} rows are on ${bases.size} value bases: ${[...bases].join('; ')}; adding them together would mix different measures`,
      2,
      'pick one with --source, or read the files separately',
    );
  }

  /** Refuses HS codes that nest (61 and 6109): the detail rows are part of the chapter's and would count twice. */
  private checkLevels(b: YearBucket, year: number): void {
    const codes = b.codes;
    if (codes.size < 2) return;
    for (const code of codes) {
      for (let k = 2; k < code.length; k += 2) {
        const parent = code.slice(0, k);
        if (codes.has(parent)) {
          throw new KorusError(
            `${year}: rows at HS ${parent} and HS ${code} both count for ${this.query.category.name}; ${code} is part of ${parent}, so adding both counts it twice`,
            2,
            `use one level with --hs-level ${parent.length} (or ${code.length})`,
          );
        }
      }
    }
  }

  private rowNotes(b: YearBucket, notes: Note[], year: number): void {
    if (b.missingRows) {
      const markers = [...b.missingByMarker].map(
        ([m, n]) => `${m === '' ? 'empty' : JSON.stringify(m)} ${n}`,
      );
      notes.push({
        level: 'warning',
        code: 'missing-values',
        message: `${year}: ${b.missingRows} row${b.missingRows === 1 ? '' : 's'} without a value left out (${markers.join(', ')})`,
        count: b.missingRows,
      });
    }
    if (b.unknown.size) {
      const n = [...b.unknown.values()].reduce((a, v) => a + v, 0);
      const names = [...b.unknown.keys()].slice(0, 5).map((s) => JSON.stringify(s));
      notes.push({
        level: 'warning',
        code: 'unknown-partner',
        message: `${year}: ${b.unknown.size} partner name${b.unknown.size === 1 ? '' : 's'} not in the catalog, kept under their own names (${names.join(', ')}${b.unknown.size > 5 ? ', ...' : ''})`,
        count: n,
      });
    }
    if (b.negative) {
      notes.push({
        level: 'warning',
        code: 'negative-value',
        message: `${year}: ${b.negative} negative value${b.negative === 1 ? '' : 's'} included (first at ${b.firstNegative?.file}:${b.firstNegative?.line})`,
        count: b.negative,
      });
    }
    if (b.groupRows) {
      notes.push({
        level: 'info',
        code: 'group-rows',
        message: `${year}: ${b.groupRows} country-group row${b.groupRows === 1 ? '' : 's'} (EU, ASEAN, ...) left out of the partner sums`,
        count: b.groupRows,
      });
    }
  }

  private inputStats(report: ReadReport, selected: YearBucket[]): InputStats {
    let used = 0;
    let missing = 0;
    let totals = 0;
    let groups = 0;
    const byMarker: Record<string, number> = {};
    for (const b of selected) {
      used += b.partnerRows + b.remainderRows;
      missing += b.missingRows;
      totals += b.totalRows;
      groups += b.groupRows;
      for (const [m, n] of b.missingByMarker) byMarker[m] = (byMarker[m] ?? 0) + n;
    }
    const filesUsed = new Set<string>();
    for (const b of selected) for (const f of b.files.values()) filesUsed.add(f);
    let otherYears = 0;
    for (const periods of this.years.values()) {
      for (const b of periods.all()) if (!selected.includes(b)) otherYears += b.rows;
    }
    return {
      files: report.files,
      filesUsed: report.files.map((f) => f.name).filter((f) => filesUsed.has(f)),
      layout:
        new Set(report.files.map((f) => f.layout)).size === 1
          ? (report.files[0]?.layout ?? 'canonical')
          : 'mixed',
      rowsRead: report.rowsRead,
      rowsUsed: used,
      rowsFiltered: report.rowsFiltered + this.filtered + otherYears,
      rowsMissing: missing,
      rowsAggregate: totals + groups,
      missingByMarker: byMarker,
      aggregateTotals: totals,
      aggregateGroups: groups,
    };
  }

  private noData(): KorusError {
    const q = this.query;
    const filters = [q.flow, q.reporter && `reporter ${q.reporter}`, q.source && `source ${q.source}`]
      .filter(Boolean)
      .join(', ');
    return new KorusError(`no rows for category ${q.category.name} (${filters}) in the data`, 2);
  }
}

function change(
  value: number,
  before: number | undefined,
): Pick<ShareRow, 'previousValueUsd' | 'changeUsd' | 'changeFraction'> {
  if (before === undefined) return { previousValueUsd: null, changeUsd: null, changeFraction: null };
  return {
    previousValueUsd: before,
    changeUsd: value - before,
    changeFraction: before === 0 ? null : (value - before) / before,
  };
}

function sumValues(items: Iterable<{ value: number }>): number {
  const s = new ExactSum();
  for (const i of items) s.add(i.value);
  return s.value();
}

function onlyKey(map: Map<string, number>): string | null {
  const keys = [...map.keys()];
  return keys.length === 1 && keys[0] ? keys[0] : null;
}

/** "2012-2014, 2016" from a sorted list of years. */
export function yearList(years: number[]): string {
  const parts: string[] = [];
  let start = years[0];
  for (let i = 0; i < years.length; i++) {
    const y = years[i] as number;
    const next = years[i + 1];
    if (next !== y + 1) {
      parts.push(start === y ? String(y) : `${start}-${y}`);
      start = next;
    }
  }
  return parts.join(', ');
}

function usd(v: number): string {
  return `US$${(v / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })}m`;
}
