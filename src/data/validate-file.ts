import { InputError } from '../errors.js';
import { type FileSummary, PROBLEM_SEVERITY, type ProblemSink } from '../model/problems.js';
import { newReport, type RowPlace, type TradeRow } from '../model/rows.js';
import type { Field, ProfileName } from '../sources/types.js';
import { BlankStretch } from './blank-runs.js';
import { eachRecord } from './each-record.js';
import { FieldCache, type FieldReader, StringRecord } from './field-cache.js';
import type { InputSource } from './inputs.js';
import type { FilePlan } from './plan-types.js';
import { emptyFile } from './read-input.js';
import type { ReadOptions } from './read-options.js';
import type { SharedCaches } from './shared-caches.js';
import { TradeFile } from './trade-file.js';
import type { CellAt, ProblemAt, RowChecks, Tally, ValueChecks } from './validate-checks.js';
import { checkLineEndings, type LineEndings } from './validate-line-endings.js';
import { blankText, checkHeaderCells, checkWidth, problemCode } from './validate-structure.js';
import type { DataSheet } from './workbook-sheets.js';

/** What `validate` checks besides the CSV structure. */
export interface ValidateOptions extends ReadOptions {
  /** Only the CSV structure (header, blank rows, missing and extra cells), not the trade columns. */
  structureOnly?: boolean;
}

const NO_CELL: CellAt = { column: null, field: null };

/**
 * Checks one input and reports every problem found (not only the first) through `sink`: the CSV structure,
 * each value, and, through `checks.rows`, the consistency across rows. A syntax error or bad bytes end the
 * file (csv-parse cannot go on past them); everything else is reported and the reading goes on.
 */
export async function validateFile(
  input: InputSource,
  options: ValidateOptions,
  caches: SharedCaches,
  checks: RowChecks,
  sink: ProblemSink,
  /** A workbook's data sheet, read in place of the input's bytes (`book.xlsx[Sheet]`). */
  sheet?: DataSheet,
  /** Called after each chunk read with the bytes and rows read so far; the reading waits for its promise. */
  pace?: (bytes: number, rows: number) => Promise<void> | undefined,
): Promise<FileSummary> {
  const check = new FileCheck(sheet?.name ?? input.name, options, caches, checks, sink, sheet, pace);
  return check.run(input);
}

/** One file being checked: the reader's header search and row decoding, with validate's checks around them. */
class FileCheck {
  readonly summary: FileSummary;
  private readonly firstLineOf: LineEndings = { crlf: 0, lf: 0, cr: 0 };
  private readonly file: TradeFile;
  /** What the reader is told of the file while it reads (the encoding, for its stats). */
  private readonly meta: { encoding: string };
  /** The header the rows are checked against, once found (or taken in place of one). */
  private header: string[] | undefined;
  /** Only the CSV structure is checked: asked for, or the header could not be read. */
  private structural: boolean;
  private readonly pendingBlank = new BlankStretch();
  private place: RowPlace | undefined;
  private values: ValueChecks | undefined;
  /** The record being read, for the partner cells of the rows it makes. */
  private current: FieldReader | undefined;
  private codeCol = -1;
  private nameCol = -1;
  // The partner code and name cells as text through caches: the same string for the same bytes, so the
  // name check compares them by pointer and makes no string per row.
  private readonly codeTexts = new FieldCache<string>((t) => t);
  private readonly nameTexts = new FieldCache<string>((t) => t);
  private records = 0;

  constructor(
    private readonly name: string,
    private readonly options: ValidateOptions,
    caches: SharedCaches,
    private readonly checks: RowChecks,
    private readonly sink: ProblemSink,
    private readonly sheet: DataSheet | undefined,
    private readonly pace: ((bytes: number, rows: number) => Promise<void> | undefined) | undefined,
  ) {
    this.summary = {
      name,
      layout: null,
      variant: null,
      encoding: options.dialect.encoding,
      rows: 0,
      lineEndings: { crlf: 0, lf: 0, cr: 0 },
    };
    this.meta = { encoding: options.dialect.encoding };
    this.structural = options.structureOnly === true;
    const readAs = {
      ...options,
      titleLinesOk: true,
      sheetRows: sheet !== undefined,
      measure: sheet?.byMeasure ? undefined : options.measure,
    };
    const context = sheet ? { facts: sheet.facts, sheet: sheet.sheet } : {};
    this.file = new TradeFile(name, readAs, newReport(), {}, caches, this.onRow, true, context);
  }

  readonly problem: ProblemAt = (line, column, field, code, message, hint) => {
    if (!this.sink.listing) {
      this.sink.count(this.name, code, PROBLEM_SEVERITY[code]);
      return;
    }
    this.sink.emit({
      file: this.name,
      line,
      column,
      field,
      code,
      severity: PROBLEM_SEVERITY[code],
      message,
      hint,
    });
  };

  private readonly tally: Tally = (code, what, line, column, field) =>
    this.values?.tally(code, what, line, column, field);

  /** Reads the file through, checking as it goes; what can only be said at the end is said last. */
  async run(input: InputSource): Promise<FileSummary> {
    const { summary, problem } = this;
    const endings = { counts: summary.lineEndings, first: this.firstLineOf };
    const meta: { encoding: string; bytes?: number } = { encoding: this.options.dialect.encoding };
    try {
      if (this.sheet) {
        meta.encoding = 'xlsx';
        for await (const row of this.sheet.rows) this.onRecord(new StringRecord(row.fields, row.line));
      } else {
        for await (const bytes of eachRecord(input, this.options, this.onRecord, meta, undefined, endings)) {
          const wait = this.pace?.(bytes, summary.rows);
          if (wait) await wait;
        }
      }
    } catch (err) {
      // A file that could not be read is no finding about its data: the run stops (exit 2).
      if (!(err instanceof InputError) || err.code === 'unreadable') throw err;
      const code = problemCode(err);
      const { line, column } = err.location;
      const at = this.columnName(column);
      problem(line ?? null, column ?? null, at, code === 'input' ? 'csv-syntax' : code, err.detail, err.hint);
    }
    summary.encoding = meta.encoding;
    // Blank rows at the end: rows of empty cells are reported; empty lines are not (a trailing newline or two).
    const b = this.pendingBlank;
    if (b.cellRows)
      problem(
        b.firstCells,
        null,
        null,
        'blank-row',
        blankText(b.cellRows, b.firstCells, b.lastCells, 'below'),
      );

    if (this.records === 0)
      problem(null, null, null, 'empty-file', emptyFile(this.name, meta.bytes ?? input.size).detail);
    else if (!this.header && this.file.search.offered.length && !this.structural) {
      try {
        this.file.finish();
      } catch (err) {
        if (err instanceof InputError) this.headerFailure(err);
      }
    } else if (this.header && summary.rows === 0)
      problem(null, null, null, 'no-rows', 'the file has a header and no data rows');

    for (const p of this.values?.tallied() ?? []) this.sink.emit(p);
    checkLineEndings(summary.lineEndings, this.firstLineOf, problem);
    return summary;
  }

  private readonly onRecord = (r: FieldReader): void => {
    this.records++;
    if (!this.header) {
      this.headerRecord(r);
      return;
    }
    if (r.isBlank()) {
      this.pendingBlank.add(r.line, r.count === 1 && r.text(0) === '');
      return;
    }
    const b = this.pendingBlank;
    if (b.rows) {
      this.problem(b.first, null, null, 'blank-row', blankText(b.rows, b.first, b.last, 'inside'));
      b.clear();
    }
    this.summary.rows++;
    if (!checkWidth(r, this.header, this.problem, this.tally) || this.structural) return;
    this.current = r;
    try {
      this.file.record(r, this.meta);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const { line, column } = err.location;
      this.problem(
        line ?? r.line,
        column ?? null,
        this.columnName(column),
        problemCode(err),
        err.detail,
        err.hint,
      );
    }
  };

  /** A record before the header: looked at by the reader's header search (or taken as the header). */
  private headerRecord(r: FieldReader): void {
    if (r.line <= (this.options.skipLines ?? 0)) return;
    if (this.structural) {
      this.useHeader(
        Array.from({ length: r.count }, (_, i) => r.text(i)),
        r.line,
      );
      return;
    }
    try {
      this.file.record(r, this.meta);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.headerFailure(err);
      return;
    }
    const plan = this.file.columns;
    if (plan) this.startRows(plan, this.file.fileStats?.headerLine ?? r.line);
  }

  /** The header found by the reader: title lines above it said, its cells checked, its columns noted. */
  private startRows(plan: FilePlan, line: number): void {
    this.summary.layout = this.file.layoutName as ProfileName;
    this.summary.variant = plan.variant;
    for (const titleLine of this.file.titleLines)
      this.problem(
        titleLine,
        null,
        null,
        'title-row',
        "a line above the header that is not the source's own (a title?)",
        `pass over it with --skip-lines ${line - 1}`,
      );
    const at = (f: Field) => plan.index[f];
    const col = (f: Field): CellAt => {
      const i = at(f);
      return i === undefined ? NO_CELL : { column: i + 1, field: plan.header[i] ?? null };
    };
    const value = col('value');
    const partner = at('partner') !== undefined ? col('partner') : col('partner_code');
    this.codeCol = at('partner_code') ?? -1;
    this.nameCol = at('partner') ?? -1;
    const both = this.codeCol >= 0 && this.nameCol >= 0;
    this.useHeader(plan.header, line, plan.rowNames, { code: col('code'), category: col('category') });
    this.place = {
      valueColumn: value.column,
      valueField: value.field,
      partnerColumn: partner.column,
      partnerField: partner.field,
      partnerCodeText: both ? '' : undefined,
      partnerNameText: both ? '' : undefined,
      hasMonths: at('month') !== undefined || at('period') !== undefined,
    };
  }

  /** The header rows are checked against (its cells first), and the value checks of the rows under it. */
  private useHeader(
    fields: string[],
    line: number,
    rowNames = false,
    cells = { code: NO_CELL, category: NO_CELL },
  ): void {
    this.header = fields;
    this.values = this.checks.values(this.name, cells);
    checkHeaderCells(fields, line, rowNames, this.problem);
  }

  /**
   * No header could be read: said, and the structure is checked from the line the error is about (past
   * metadata lines), else from the first line.
   */
  private headerFailure(err: InputError): void {
    const code = problemCode(err);
    const { line, column } = err.location;
    this.problem(
      line ?? 1,
      column ?? null,
      null,
      code === 'input' ? 'missing-column' : code,
      err.detail,
      err.hint,
    );
    this.structural = true;
    const offered = this.file.search.offered;
    const at = Math.max(
      0,
      offered.findIndex((e) => e.line === line),
    );
    const first = offered[at];
    if (first && !this.header) {
      this.useHeader(first.fields, first.line);
      for (const e of offered.slice(at + 1)) {
        checkWidth(new StringRecord(e.fields, e.line), this.header, this.problem, this.tally);
      }
    }
  }

  /** A row of the file becomes typed rows: each checked for its values, then across rows. */
  private readonly onRow = (row: TradeRow): void => {
    const p = this.place as RowPlace;
    const current = this.current;
    if (current && (p.partnerCodeText !== undefined || p.partnerNameText !== undefined)) {
      p.partnerCodeText = this.codeCol >= 0 ? current.cached(this.codeCol, this.codeTexts) : undefined;
      p.partnerNameText = this.nameCol >= 0 ? current.cached(this.nameCol, this.nameTexts) : undefined;
    }
    const found = (this.values as ValueChecks).row(row, p);
    if (found) this.sink.emit(found);
    this.checks.rows.add(row, p);
  };

  private columnName(column: number | undefined): string | null {
    return column === undefined ? null : (this.header?.[column - 1] ?? null);
  }
}
