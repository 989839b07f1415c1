import { InputError } from '../errors.js';
import type { FileStats, ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import type { WorkbookFacts } from '../sources/types.js';
import { addBlankRun, BlankStretch } from './blank-runs.js';
import type { FieldReader } from './field-cache.js';
import { newFileStats } from './file-stats.js';
import { type FoundHeader, HeaderSearch } from './header-search.js';
import type { FilePlan } from './plan-types.js';
import type { ReadOptions } from './read-options.js';
import { RowDecoder } from './row-decoder.js';
import { echoMismatch, raggedRow } from './row-errors.js';
import type { SharedCaches } from './shared-caches.js';

/**
 * Reads one file's records: finds the header (past a source's title lines, R's write.csv names), makes a
 * plan from it and the source's profile, then turns each record into typed rows, counting every one.
 */
export class TradeFile {
  /** Where the header is looked for, until it is found. */
  readonly search: HeaderSearch;
  private plan: FilePlan | undefined;
  private decoder: RowDecoder | undefined;
  private stats: FileStats | undefined;
  private found: FoundHeader | undefined;
  private readonly pendingBlank = new BlankStretch();
  private readonly sheetName: string | undefined;
  private width = 0;
  private valueCol = -1;
  /** The source's test of a "Total:" row, when it writes one. */
  private footerTest: ((fields: readonly string[]) => boolean) | undefined;
  /**
   * Reading one byte range of a file (range-job.ts): blank rows from this line on, followed by data, are
   * held in `heldBlank`, not counted, since they go on the stretch that ended the range before.
   */
  holdFrom = -1;
  heldBlank: BlankStretch | undefined;
  /** A record that is not blank came after the header (blank rows before it were between data rows). */
  nonBlank = false;

  constructor(
    private readonly name: string,
    private readonly options: ReadOptions,
    private readonly report: ReadReport,
    private readonly filter: RowFilter,
    private readonly caches: SharedCaches,
    private readonly onRow: (row: TradeRow) => void,
    /** Refill one row object for every row (the consumer does not keep rows). */
    private readonly reuseRows = false,
    context: { facts?: WorkbookFacts; sheet?: string } = {},
  ) {
    this.search = new HeaderSearch(name, options, filter.flow, context.facts);
    this.sheetName = context.sheet;
  }

  /** The file's plan, once the header has been read. */
  get columns(): FilePlan | undefined {
    return this.plan;
  }

  /** Lines above the header that are not the source's own (titles), when they were let through. */
  get titleLines(): number[] {
    return this.found?.titleLines ?? [];
  }

  /** What was read of the file so far. */
  get fileStats(): FileStats | undefined {
    return this.stats;
  }

  /** The profile the file is read as. */
  get layoutName(): string {
    return this.plan?.profile.name ?? 'canonical';
  }

  /** Takes the next record: the header (or a line above it) until the header is found, then a data row. */
  record(r: FieldReader, meta: { encoding: string }): void {
    const plan = this.plan;
    if (!plan) {
      const found = this.search.offer(
        Array.from({ length: r.count }, (_, i) => r.text(i)),
        r.line,
      );
      if (found) this.usePlan(found, meta);
      return;
    }
    if (r.isBlank()) {
      this.pendingBlank.add(r.line, true);
      return;
    }
    this.nonBlank = true;
    if (this.pendingBlank.rows) this.blanksBetween();
    if (r.count !== this.width && !this.otherWidth(r)) return;
    if (this.footerTest?.(firstCells(r, 2))) {
      this.footer(r, plan);
      return;
    }
    if (plan.echoes.length) this.checkEchoes(r, plan);
    if (plan.wide.length) {
      for (const cell of plan.wide) this.observe(r, cell.year, cell.month, cell.column);
    } else {
      this.observe(r, -1, -1, this.valueCol);
    }
  }

  /** Blank rows followed by data: between data rows, so listed. */
  private blanksBetween(): void {
    const p = this.pendingBlank;
    if (p.first === this.holdFrom) this.heldBlank = Object.assign(new BlankStretch(), p);
    else addBlankRun(this.stats as FileStats, p);
    p.clear();
  }

  /** The blank rows read since the last data row (at a range's end, the range after tells what they are). */
  get pending(): BlankStretch {
    return this.pendingBlank;
  }

  /**
   * A row whose width is not the header's: one empty field past the header (the Comtrade portal's trailing
   * comma) or a workbook row that ends at its last non-empty cell is read; any other is an error.
   */
  private otherWidth(r: FieldReader): boolean {
    const width = this.width;
    if (r.count === width + 1 && r.text(width) === '') {
      (this.stats as FileStats).trailingEmpty++;
      return true;
    }
    if (r.count < width && this.options.sheetRows) return true;
    throw raggedRow(this.name, r.line, r.count, width);
  }

  private checkEchoes(r: FieldReader, plan: FilePlan): void {
    for (const [a, b] of plan.echoes) {
      if (r.text(a) !== r.text(b)) {
        throw echoMismatch(this.name, r.line, a, b, plan.header[a] ?? '', r.text(a), r.text(b));
      }
    }
  }

  /**
   * A "Total:" row under the table. When the file is one partner's query over all commodities (a
   * DataWeb workbook's parameters say so), it is that partner's all-products total: a row with code
   * TOTAL. Otherwise it sums rows of several years or partners and is passed over (counted, noted).
   */
  private footer(r: FieldReader, plan: FilePlan): void {
    const stats = this.stats as FileStats;
    stats.footerLines.push(r.line);
    const single =
      plan.allCommodities &&
      plan.index.partner === undefined &&
      plan.index.year === undefined &&
      plan.wide.every((w) => w.year > 0);
    if (!single) {
      stats.rows++;
      this.report.rowsRead++;
      this.report.rowsFiltered++;
      return;
    }
    this.report.footerTotals.add(this.name);
    for (const cell of plan.wide) this.observe(r, cell.year, 0, cell.column, 'TOTAL');
  }

  /** One observation (a row, or one year or month cell of a wide row): counted, filtered or handed on. */
  private observe(r: FieldReader, year: number, month: number, valueCol: number, code?: 'TOTAL'): void {
    (this.stats as FileStats).rows++;
    this.report.rowsRead++;
    const row = (this.decoder as RowDecoder).row(r, year, month, valueCol, code);
    if (row) this.onRow(row);
    else this.report.rowsFiltered++;
  }

  /** The end of the file: an error when it had no header or no data rows. */
  finish(): void {
    if (!this.plan) throw this.search.failure();
    if (this.stats?.rows === 0) {
      const line = (this.stats.headerLine ?? 1) + 1;
      throw new InputError(
        { file: this.name, line },
        'no data rows: the file has a header only',
        undefined,
        'no-rows',
      );
    }
    this.noteCategories();
  }

  /** The category labels met, for "did you mean" (at the end of the file, or of a range of it). */
  noteCategories(): void {
    for (const c of this.caches.category.values()) if (c !== undefined) this.report.categoriesSeen.add(c);
  }

  private usePlan(found: FoundHeader, meta: { encoding: string }): void {
    const plan = found.plan;
    this.plan = plan;
    this.found = found;
    this.width = plan.header.length;
    this.valueCol = plan.valueCol;
    this.footerTest = plan.profile.footer;
    this.decoder = new RowDecoder(plan, {
      name: this.name,
      options: this.options,
      report: this.report,
      filter: this.filter,
      caches: this.caches,
      reuseRows: this.reuseRows,
    });
    const stats = newFileStats(this.name, found, meta.encoding, this.sheetName);
    this.stats = stats;
    this.report.files.push(stats);
  }
}

/** The first cells of a record, for a footer test. */
function firstCells(r: FieldReader, n: number): string[] {
  return Array.from({ length: Math.min(n, r.count) }, (_, i) => r.text(i));
}
