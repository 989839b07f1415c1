import { grown } from '../model/typed-arrays.js';
import { TupleIds } from './tuple-ids.js';

/**
 * The partners' sum and the remainder rows' sum of each group of rows a World/total row is checked
 * against (a file, period, context and code or category), by a dense group id: typed arrays, no strings
 * and no hashing per row once a row's group id is known.
 */
export class GroupSums {
  private readonly ids = new TupleIds(256);
  private fileOf = new Int32Array(256);
  private partSum = new Float64Array(256);
  private remainderSum = new Float64Array(256);
  /** Per group: 1 when it has partner rows, 2 when it has remainder rows (or both). */
  private has = new Uint8Array(256);

  /** The id of the group of these four ids (a file's index first), given one when it is new. */
  group(file: number, period: number, context: number, what: number): number {
    const id = this.ids.idOf(file, period, context, what);
    if (id >= this.fileOf.length) this.grow();
    this.fileOf[id] = file;
    return id;
  }

  /** The file index of a group. */
  file(group: number): number {
    return this.fileOf[group] as number;
  }

  /** Adds a row's value to its group's partners, or its remainder rows. */
  add(group: number, remainder: boolean, value: number): void {
    const bit = remainder ? 2 : 1;
    const sums = remainder ? this.remainderSum : this.partSum;
    const has = this.has[group] as number;
    // The first value is the sum (not 0 + it): the same double as a sum begun with it.
    sums[group] = has & bit ? (sums[group] as number) + value : value;
    this.has[group] = has | bit;
  }

  /** The partners' sum of a group, or undefined when it has no partner rows. */
  parts(group: number): number | undefined {
    return (this.has[group] as number) & 1 ? this.partSum[group] : undefined;
  }

  /** The remainder rows' sum of a group, or undefined when it has none. */
  remainder(group: number): number | undefined {
    return (this.has[group] as number) & 2 ? this.remainderSum[group] : undefined;
  }

  private grow(): void {
    this.fileOf = grown(this.fileOf);
    this.partSum = grown(this.partSum);
    this.remainderSum = grown(this.remainderSum);
    this.has = grown(this.has);
  }
}

/**
 * The sums of one group's months, by month in the order first met (as a Map of them would iterate): months
 * 1 to 12 in a typed array, without a Map look-up per row; any other month number in a Map.
 */
export class MonthSums {
  private readonly sums = new Float64Array(13);
  private readonly order: number[] = [];
  private other: Map<number, number> | undefined;

  /** How many distinct months have a value. */
  get size(): number {
    return this.order.length;
  }

  /** Adds a row's value to its month. */
  add(month: number, value: number): void {
    if (month >= 1 && month <= 12 && Number.isInteger(month)) {
      const sums = this.sums;
      if (sums[month] === 0 && !this.order.includes(month)) this.order.push(month);
      sums[month] = (sums[month] as number) + value;
      return;
    }
    this.other ??= new Map();
    const before = this.other.get(month);
    if (before === undefined) this.order.push(month);
    this.other.set(month, (before ?? 0) + value);
  }

  /** The sum of the months' sums, added in the order the months were first met. */
  total(): number {
    let sum = 0;
    for (const m of this.order) {
      sum += m >= 1 && m <= 12 && Number.isInteger(m) ? (this.sums[m] as number) : (this.other?.get(m) ?? 0);
    }
    return sum;
  }
}
