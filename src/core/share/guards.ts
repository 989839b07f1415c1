import type { Partner } from '../../catalog/partners.js';
import { InputError, KorusError, type Location } from '../../errors.js';
import type { TradeRow } from '../../model/rows.js';
import type { YearBucket } from './bucket.js';
import type { SumTable } from './sum-table.js';
import type { ShareQuery } from './types.js';

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

/**
 * Refuses to add up what must not be added: rows of several sources or reporters, of several value
 * bases, codes of two classifications, or HS codes at levels that nest.
 */
export function checkMixing(buckets: YearBucket[], year: number, category: string): void {
  checkSingle(buckets, 'sources', category);
  checkSingle(buckets, 'reporters', category);
  checkBases(buckets, category);
  checkSystems(buckets, year, category);
  for (const b of buckets) checkLevels(b, year, category);
}

/** Refuses rows of several sources, or of several reporters, in one answer (they would be added together). */
function checkSingle(buckets: YearBucket[], key: 'sources' | 'reporters', category: string): void {
  const seen = new Map<string, number>();
  for (const b of buckets) for (const [k, n] of b[key].counts()) seen.set(k, (seen.get(k) ?? 0) + n);
  if (seen.size <= 1) return;
  const what = key === 'sources' ? 'source' : 'reporter';
  const list = [...seen]
    .map(([k, n]) => `${k === '' ? `(no ${what})` : k} (${n} row${n === 1 ? '' : 's'})`)
    .join(', ');
  const message = `${category} rows come from ${seen.size} ${key}: ${list}; adding them together would mix ${key === 'sources' ? 'definitions and count figures twice' : 'reporting countries'}`;
  if (key === 'reporters') {
    throw new SeveralReporters(
      message,
      "pick one with --reporter, or compare the reporters' trade with one partner with --by reporter --partner P",
      [...seen.keys()],
    );
  }
  throw new KorusError(message, 2, 'pick one with --source');
}

/** Refuses codes of two classifications in one answer (HS and SITC rows for one year count twice). */
function checkSystems(buckets: YearBucket[], year: number, category: string): void {
  const systems = new Set(buckets.flatMap((b) => [...b.systems.values()]));
  if (systems.size <= 1) return;
  throw new KorusError(
    `${year}: ${category} rows are in ${[...systems].join(' and ')} codes: the same trade in two classifications would count twice`,
    2,
    'read one classification (filter the file, or download one)',
  );
}

/** Refuses to add values of different bases (general imports and imports for consumption, CIF and FOB). */
function checkBases(buckets: YearBucket[], category: string): void {
  const bases = new Set(buckets.flatMap((b) => [...b.basis.values()]));
  if (bases.size <= 1) return;
  throw new KorusError(
    `${category} rows are on ${bases.size} value bases: ${[...bases].join('; ')}; adding them together would mix different measures`,
    2,
    'pick one with --source, or read the files separately',
  );
}

/** Refuses HS codes that nest (61 and 6109): the detail rows are part of the chapter's and would count twice. */
function checkLevels(b: YearBucket, year: number, category: string): void {
  const codes = b.codes;
  if (codes.size < 2) return;
  for (const code of codes) {
    for (let k = 2; k < code.length; k += 2) {
      const parent = code.slice(0, k);
      if (codes.has(parent)) {
        throw new KorusError(
          `${year}: rows at HS ${parent} and HS ${code} both count for ${category}; ${code} is part of ${parent}, so adding both counts it twice`,
          2,
          `use one level with --hs-level ${parent.length} (or ${code.length})`,
        );
      }
    }
  }
}

/** A row that splits a figure by a hidden dimension, kept until its total row is known to be there. */
export interface DetailKey {
  /** The hash of its key in the key table. */
  lo: number;
  hi: number;
  /** The sum it adds to (a table's item), and its code, reporter and source numbers: a sum's first key is
   * kept with the sum. */
  table: SumTable;
  item: number;
  ids: [number, number, number];
  file: string;
  line: number;
  dimension: string;
  what: string;
}

/** The refusal of a breakdown by a hidden dimension whose total row is missing. */
export function missingTotal(d: DetailKey): KorusError {
  return new KorusError(
    `${d.file}:${d.line}: ${d.what} is broken down by ${d.dimension} and has no total row: adding the parts could count figures twice or miss some`,
    2,
    'download the data with the totals of that dimension included',
  );
}

/** The row a key was seen in before, with its value. */
interface Seen {
  value: number;
  file: string;
  line: number;
}

/** The refusal of two World/total rows for one key. */
export function twoTotals(seen: Seen, partner: Partner, row: TradeRow, value: number): KorusError {
  return new KorusError(
    `two World/total rows for ${repeatWhat(partner, row)}: ${seen.value} (${seen.file}:${seen.line}) and ${value} (${row.file}:${row.line}); a total is given once`,
    2,
    seen.value === value
      ? 'the file repeats the row: --dedupe counts exact repeats once'
      : 'the file holds two totals for one key (another flow, period or dimension korus-stats does not read?)',
  );
}

/** The refusal of two files giving different values for one key. */
export function twoFiles(seen: Seen, partner: Partner, row: TradeRow, value: number): KorusError {
  return new KorusError(
    `two files give different values for ${repeatWhat(partner, row)}: ${seen.value} (${seen.file}:${seen.line}) and ${value} (${row.file}:${row.line})`,
    2,
    'pick one with --source, or read the files separately',
  );
}

function repeatWhat(partner: Partner, row: TradeRow): string {
  const code = row.code ?? row.category;
  return `${row.year}${row.month ? `-${String(row.month).padStart(2, '0')}` : ''} ${partner.name}${code ? ` ${code}` : ''}`;
}

/** The refusal when no row has the query's category, flow, reporter and source. */
export function noData(q: ShareQuery): KorusError {
  const filters = [q.flow, q.reporter && `reporter ${q.reporter}`, q.source && `source ${q.source}`]
    .filter(Boolean)
    .join(', ');
  return new KorusError(`no rows for category ${q.category.name} (${filters}) in the data`, 2);
}

/**
 * Refuses a total (of partners, of categories) with cents that is past a double: located at the first
 * value past 2^53 that went into it, since no one row makes a sum of sums overflow.
 */
export function totalOverflow(at: Location | undefined, what: string): KorusError {
  const detail = `the ${what} has cents and is past about 1.8e308, the largest such sum korus-stats holds`;
  const hint = 'values this large are not US dollars: check the unit column and the value column';
  return at ? new InputError(at, detail, hint, 'bad-number') : new KorusError(detail, 2, hint);
}

/** The refusal of a sum with cents that grows past a double (about 1.8e308): at the row that made it so. */
export function sumOverflow(row: TradeRow): InputError {
  return new InputError(
    { file: row.file, line: row.line, column: row.column },
    `adding value ${row.value} takes a sum with cents past about 1.8e308, the largest such sum korus-stats holds`,
    'values this large are not US dollars: check the unit column and the value column',
    'bad-number',
  );
}
