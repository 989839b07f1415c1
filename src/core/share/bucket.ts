import type { MatchKind } from '../../catalog/categories.js';
import type { Partner } from '../../catalog/partners.js';
import type { RowRepeat } from '../../model/facts/share.js';
import { negate, type Usd } from '../../model/usd.js';
import { Distinct, Tally } from '../tally.js';
import { SumTable } from './sum-table.js';

/** Rows that repeat one already seen: exact duplicates (left out) and repeats with another value (added). */
export interface Repeats {
  /** Exact repeats (same key and value) counted as given, and those left out by --dedupe. */
  duplicates: number;
  deduped: number;
  examples: RowRepeat[];
  splits: number;
  firstSplit?: RowRepeat;
}

let bucketIds = 0;

/** The partner of the World/total rows' sum. */
const WORLD_TOTAL: Partner = { kind: 'world', code: 'WLD', name: 'World' };

/** Adds `by` to a key's count. */
export const bump = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/** Everything kept about one year (or month) of the rows that pass the filters: per-partner sums, never rows. */
export class YearBucket {
  readonly partners = new SumTable();
  readonly missingPartners = new Map<string, string>();
  /** "All other" rows and pseudo-partners (Areas nes, Bunkers, Unspecified), each its own labelled remainder. */
  readonly remainders = new SumTable();
  remainderRows = 0;
  /** Rows that split a figure by a hidden dimension (left out: the total rows are used). */
  detailRows = 0;
  /** The classifications of the codes used (HS, SITC): never two in one answer. */
  readonly systems = new Distinct<string>();
  lastSystem: string | undefined;
  /** The World/total rows' sum: item 0, the only one. */
  readonly totals = new SumTable();
  totalRows = 0;
  /** The HS codes met (each once), to catch levels that nest (61 and 6109). */
  readonly codes = new Set<string>();
  /** Tells this bucket's keys from another's in the accumulator's key table. */
  readonly id = ++bucketIds;
  partnerRows = 0;
  groupRows = 0;
  missingRows = 0;
  readonly missingByMarker = new Map<string, number>();
  /** Rows of partners the catalog does not know (the partners are those of kind 'unknown' in `partners`). */
  unknownRows = 0;
  negative = 0;
  /** Where the first negative value is (a copy: rows may be refilled by the reader). */
  firstNegative?: { file: string; line: number };
  maxScale = 0;
  /** Where the first value past 2^53 is: the place to name if a total overflows. */
  firstHuge?: { file: string; line: number; column?: number };
  readonly sources = new Tally<string>();
  readonly reporters = new Tally<string>();
  readonly matchedBy = new Distinct<MatchKind>();
  readonly basis = new Distinct<string>();
  readonly definitions = new Distinct<string>();
  readonly noFlowFiles = new Set<string>();
  readonly files = new Distinct<string>();

  constructor() {
    this.totals.push(WORLD_TOTAL);
  }

  get total(): Usd {
    return this.totals.total(0);
  }
  get remainder(): Usd {
    return this.remainders.sumAll();
  }

  get rows(): number {
    return this.partnerRows + this.remainderRows + this.totalRows + this.groupRows + this.missingRows;
  }

  get hasData(): boolean {
    return this.partners.size > 0 || this.totalRows > 0 || this.remainderRows > 0;
  }

  /**
   * Adds another bucket's sums into this one, times `sign` (a year ending in June from year-to-date
   * figures takes one year's December and subtracts its June). Counts and labels are merged as they are.
   */
  absorb(o: YearBucket, sign: 1 | -1): void {
    for (const [mine, theirs] of [
      [this.partners, o.partners],
      [this.remainders, o.remainders],
    ] as const)
      for (let i = 0; i < theirs.size; i++)
        mine.add(mine.itemOf(theirs.partner(i)), negate(theirs.total(i), sign));
    for (const [code, marker] of o.missingPartners) this.missingPartners.set(code, marker);
    this.detailRows += o.detailRows;
    for (const v of o.systems.values()) this.systems.add(v);
    if (o.totalRows) this.totals.add(0, negate(o.total, sign));
    this.remainderRows += o.remainderRows;
    this.totalRows += o.totalRows;
    this.partnerRows += o.partnerRows;
    this.groupRows += o.groupRows;
    this.missingRows += o.missingRows;
    for (const [m, n] of o.missingByMarker) bump(this.missingByMarker, m, n);
    this.unknownRows += o.unknownRows;
    this.negative += o.negative;
    this.firstNegative ??= o.firstNegative;
    this.firstHuge ??= o.firstHuge;
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
}
