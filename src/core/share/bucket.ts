import type { MatchKind } from '../../catalog/categories.js';
import type { Partner } from '../../catalog/partners.js';
import type { RowRepeat } from '../../model/facts/share.js';
import { negate, type Usd } from '../../model/usd.js';
import { Distinct, ExactSum, Tally } from '../tally.js';
import { SumTable } from './sum-table.js';

/**
 * One partner's sum in a bucket: the sum itself, knowing its partner. One object a partner (a file may
 * name millions), its value read from the sum (total()), not copied into a field at the end: a write to
 * each of millions of objects, which V8 makes costly (the first write to a field turns every object over).
 */
export class PartnerSum extends ExactSum {
  constructor(
    /** A number for the partner, unique in the accumulator, for the key table. */
    readonly idx: number,
    readonly partner: Partner,
  ) {
    super();
  }
}

/** Rows that repeat one already seen: exact duplicates (left out) and repeats with another value (added). */
export interface Repeats {
  /** Exact repeats (same key and value) counted as given, and those left out by --dedupe. */
  duplicates: number;
  deduped: number;
  examples: RowRepeat[];
  splits: number;
  firstSplit?: RowRepeat;
}

let partnerIds = 0;
let bucketIds = 0;

/** A new, empty sum for a partner. */
export function entry(partner: Partner): PartnerSum {
  return new PartnerSum(++partnerIds, partner);
}

/** The exact sum of some sums. */
export function sumValues(items: Iterable<ExactSum>): Usd {
  const s = new ExactSum();
  for (const i of items) s.add(i.total());
  return s.total();
}

/** A partner's sum in a map of sums by code, made when first needed. */
function sumIn(map: Map<string, PartnerSum>, p: Partner): PartnerSum {
  let sum = map.get(p.code);
  if (!sum) {
    sum = entry(p);
    map.set(p.code, sum);
  }
  return sum;
}

/** Adds `by` to a key's count. */
export const bump = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/** Everything kept about one year (or month) of the rows that pass the filters: per-partner sums, never rows. */
export class YearBucket {
  readonly partners = new SumTable<PartnerSum>();
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

  get total(): Usd {
    return this.totalEntry.total();
  }
  get remainder(): Usd {
    return sumValues(this.remainders.values());
  }

  /** The remainder entry of a partner ("All other", or a pseudo-partner). */
  remainderOf(p: Partner): PartnerSum {
    return sumIn(this.remainders, p);
  }

  /** The sum of a country's (or unknown partner's) rows, made when first needed. */
  partnerOf(p: Partner): PartnerSum {
    let sum = this.partners.get(p.code);
    if (!sum) {
      sum = entry(p);
      this.partners.add(sum);
    }
    return sum;
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
    for (const p of o.partners.values()) this.partnerOf(p.partner).add(negate(p.total(), sign));
    for (const [code, marker] of o.missingPartners) this.missingPartners.set(code, marker);
    for (const [, r] of o.remainders) this.remainderOf(r.partner).add(negate(r.total(), sign));
    this.detailRows += o.detailRows;
    for (const v of o.systems.values()) this.systems.add(v);
    if (o.totalRows) this.totalEntry.add(negate(o.total, sign));
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
