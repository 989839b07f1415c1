import { inCategory } from '../../catalog/categories.js';
import type { Partner } from '../../catalog/partners.js';
import type { RowRepeat } from '../../model/facts/share.js';
import type { ReadReport, TradeRow } from '../../model/rows.js';
import type { Usd } from '../../model/usd.js';
import { KeyTable } from '../key-table.js';
import { bump, type Repeats, type YearBucket } from './bucket.js';
import { type DetailKey, missingTotal, sumOverflow, twoFiles, twoTotals } from './guards.js';
import { reporterAsPartner } from './partner.js';
import { YearPeriods } from './periods.js';
import { shareResult } from './result.js';
import type { SumTable } from './sum-table.js';
import type { ShareQuery, ShareResult } from './types.js';

/** A small number for each distinct text (a reporter, a source), for the key table. */
function idOf(map: Map<string, number>, text: string): number {
  let id = map.get(text);
  if (id === undefined) {
    id = map.size;
    map.set(text, id);
  }
  return id;
}

/**
 * Accumulates trade rows for a share query as they stream (memory grows with partners and years, not
 * rows), then computes shares, ranks and changes (result.ts). Pure: no I/O. It is handed the rows of the
 * query's flow, reporter and source (the reader's RowFilter counts the others), so it does not test
 * them again; the category it tests where the reader did not (a breakdown reads every category).
 */
export class ShareAccumulator {
  // Read by result.ts; written only here.
  readonly years = new Map<number, YearPeriods>();
  filtered = 0;
  readonly repeats: Repeats = { duplicates: 0, deduped: 0, examples: [], splits: 0 };
  /** Rows by a hidden dimension: their keys, to check each has its total row. */
  private readonly details = new Map<string, DetailKey>();
  private readonly reporterIds = new Map<string, number>();
  private readonly sourceIds = new Map<string, number>();
  /** Every (bucket, partner, code) seen, with its last row: a few bytes each, not the rows. */
  // Starts small: a breakdown keeps one accumulator per category (thousands), most with few keys.
  private readonly keys = new KeyTable(true, 16);
  private readonly files: string[] = [];
  private lastFile = '';
  private lastFileIndex = 0;
  private readonly codeIds = new Map<string, number>();

  constructor(readonly query: ShareQuery) {}

  /** Takes one row into the sums (or counts it as filtered out). */
  add(row: TradeRow): void {
    const q = this.query;
    // The reader matched the category when it had the query's; a breakdown hands rows on unmatched.
    const how = row.match ?? inCategory(row.category, row.code, q.category, row.system);
    if (!how) {
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
      b.firstNegative ??= { file: row.file, line: row.line };
    }
    switch (p.kind) {
      case 'world':
        if (this.keyed(b, b.totals, 0, row, row.value, 'world')) b.totalRows++;
        else this.filtered++;
        return;
      case 'group':
        b.groupRows++;
        return;
      case 'remainder':
      case 'pseudo':
        if (this.keyed(b, b.remainders, b.remainders.itemOf(p), row, row.value, 'remainder'))
          b.remainderRows++;
        else this.filtered++;
        return;
      default: {
        if (p.kind === 'unknown') b.unknownRows++;
        if (this.keyed(b, b.partners, b.partners.itemOf(p), row, row.value, 'partner')) b.partnerRows++;
        else this.filtered++;
      }
    }
  }

  /** The years that have figures for the query's category, flow, reporter and source. */
  yearsWithData(): number[] {
    return [...this.years.entries()]
      .filter(([, b]) => b.hasData)
      .map(([y]) => y)
      .sort((a, b) => a - b);
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

  /** Computes the share table. Throws KorusError (exit 2) when the query cannot be answered from the data. */
  result(report: ReadReport, forYear?: number): ShareResult {
    return shareResult(this, report, forYear);
  }

  /**
   * The rows a year's own figures use (its annual rows, or the months that stand for the year), without
   * the year before that a share result also counts for its change: answers for several years add these
   * up, each row once.
   */
  rowsOfYear(year: number): number {
    let n = 0;
    for (const b of this.years.get(year)?.effective()?.parts ?? []) n += b.partnerRows + b.remainderRows;
    return n;
  }

  /** Refuses a breakdown by a hidden dimension whose total row is missing for some key. */
  checkDetails(): void {
    for (const d of this.details.values()) {
      const first = d.table.isFirstKey(d.item, d.ids[0], d.ids[1], d.ids[2]);
      if (!first && this.keys.seek(d.lo, d.hi).find() === -1) throw missingTotal(d);
    }
  }

  /** The key of a row in the key table: its bucket, partner (a table's item), code, reporter and source. */
  private key(
    b: YearBucket,
    table: SumTable,
    item: number,
    code: number,
    reporter: number,
    source: number,
  ): KeyTable {
    return this.keys.begin().int(b.id).int(table.id).int(item).int(code).int(reporter).int(source);
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
    const table =
      p.kind === 'world'
        ? b.totals
        : p.kind === 'remainder' || p.kind === 'pseudo'
          ? b.remainders
          : b.partners;
    const item = table.itemOf(p);
    const ids: [number, number, number] = [
      this.codeId(row),
      this.reporterId(row.reporter),
      this.sourceId(row.source),
    ];
    const k = this.key(b, table, item, ...ids);
    const [lo, hi] = k.hash();
    const id = `${lo}:${hi}`;
    if (this.details.has(id)) return;
    this.details.set(id, {
      lo,
      hi,
      table,
      item,
      ids,
      file: row.file,
      line: row.line,
      dimension: row.detail ?? '',
      what: `${row.year} ${p.name}${row.code ? ` ${row.code}` : ''}${row.reporter ? ` (reporter ${row.reporter})` : ''}`,
    });
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
    table: SumTable,
    item: number,
    row: TradeRow,
    exact: Usd,
    kind: 'partner' | 'world' | 'remainder',
  ): boolean {
    // The key table keeps doubles: past 2^53 a repeat is told by its rounded value.
    let value = exact as number;
    if (typeof exact === 'bigint') {
      value = Number(exact);
      b.firstHuge ??= { file: row.file, line: row.line, column: row.column };
    }
    if (row.file !== this.lastFile) {
      this.lastFile = row.file;
      this.lastFileIndex = this.files.indexOf(row.file);
      if (this.lastFileIndex === -1) this.lastFileIndex = this.files.push(row.file) - 1;
    }
    const fileIndex = this.lastFileIndex;
    // Keys are numbers (bucket, partner, code, reporter, source), so a row is hashed without a string in sight.
    const codeId = this.codeId(row);
    const reporterId = this.reporterId(row.reporter);
    const sourceId = this.sourceId(row.source);
    // A sum's first key is kept on the sum, the others in the key table: a file naming a new partner on
    // every row then fills no table (on 3 million partners, the table's growing and probing were a quarter
    // of the run).
    if (table.firstCode(item) === -1) {
      table.setFirstKey(item, codeId, reporterId, sourceId);
      table.setLast(item, row.line, fileIndex, value);
      if (row.code !== undefined) b.codes.add(row.code);
    } else if (table.isFirstKey(item, codeId, reporterId, sourceId)) {
      const partner = table.partner(item);
      const seen = table.lastValue(item);
      if (!this.repeat(partner, row, value, kind, seen, table.lastFile(item), table.lastLine(item)))
        return false;
      table.setLast(item, row.line, fileIndex, value);
    } else {
      const k = this.key(b, table, item, codeId, reporterId, sourceId);
      const slot = k.find();
      if (slot === -1) {
        k.add(row.line, fileIndex, value);
        if (row.code !== undefined) b.codes.add(row.code);
      } else {
        const partner = table.partner(item);
        if (!this.repeat(partner, row, value, kind, k.value(slot), k.file(slot), k.line(slot))) return false;
        k.update(slot, row.line, fileIndex, value);
      }
    }
    if (!table.add(item, exact)) throw sumOverflow(row);
    return true;
  }

  /**
   * A row of a key already seen, whose last row had `seenValue` (file `seenFile`, line `seenLine`): counted
   * and said. Returns false when the row is left out (--dedupe and the same value).
   */
  private repeat(
    partner: Partner,
    row: TradeRow,
    value: number,
    kind: 'partner' | 'world' | 'remainder',
    seenValue: number,
    seenFile: number,
    seenLine: number,
  ): boolean {
    const seen = () => ({ value: seenValue, file: this.files[seenFile] ?? '', line: seenLine });
    const at = (): RowRepeat => ({
      file: row.file,
      line: row.line,
      firstFile: seen().file,
      firstLine: seenLine,
    });
    if (seenValue === value && this.query.dedupe) {
      this.repeats.deduped++;
      if (this.repeats.examples.length < 5) this.repeats.examples.push(at());
      return false;
    }
    if (kind === 'world') throw twoTotals(seen(), partner, row, value);
    if (seenValue === value) {
      this.repeats.duplicates++;
      if (this.repeats.examples.length < 5) this.repeats.examples.push(at());
    } else {
      if (this.files[seenFile] !== row.file) throw twoFiles(seen(), partner, row, value);
      this.repeats.splits++;
      this.repeats.firstSplit ??= at();
    }
    return true;
  }

  /** The number of a row's code (or category), for the keys. */
  private codeId(row: TradeRow): number {
    const code = row.code ?? row.category ?? '';
    let id = this.codeIds.get(code);
    if (id === undefined) {
      id = this.codeIds.size;
      this.codeIds.set(code, id);
    }
    return id;
  }
}
