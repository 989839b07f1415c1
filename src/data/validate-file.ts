import type { CategoryDef } from '../catalog/categories.js';
import { InputError } from '../errors.js';
import type { ProblemCode } from '../model/codes.js';
import type { FileSummary } from '../model/problems.js';
import { PROBLEM_SEVERITY, type Problem } from '../model/problems.js';
import type { RowChecker, RowPlace } from '../model/rows.js';
import type { Field, ProfileName } from '../sources/types.js';
import type { FieldReader } from './field-cache.js';
import { StringRecord } from './field-cache.js';
import type { InputSource } from './inputs.js';
import { TradeFile } from './trade-file.js';
import {
  type DataSheet,
  eachRecord,
  newReport,
  type ReadOptions,
  type ReadReport,
  type SharedCaches,
  type TradeRow,
} from './trade-rows.js';

/** What `validate` checks besides the CSV structure. */
export interface ValidateOptions extends ReadOptions {
  /** Only the CSV structure (header, blank rows, missing and extra cells), not the trade columns. */
  structureOnly?: boolean;
  catalog: CategoryDef[];
}

/** Counts and first lines of a problem reported once per file for many rows. */
interface Tally {
  code: ProblemCode;
  /** The cell text it is about (a marker, a code, a name), "" when it is the same for every row. */
  what: string;
  count: number;
  first: number;
  column: number | null;
  field: string | null;
}

/** The message of a problem counted over many rows, by code, from the text it is about. */
const TALLIED: Readonly<Record<string, (what: string) => string>> = {
  suppressed: (what) => `value marked ${JSON.stringify(what)} (missing or suppressed), left out of analyses`,
  'empty-value': () => 'empty value cell (missing, never 0), left out of analyses',
  'trailing-empty-field': () =>
    "an empty field past the header's last column (a trailing comma, as the Comtrade portal writes): read, as analyses read it",
  'unknown-partner': (what) =>
    `partner ${JSON.stringify(what)} is not in the catalog (kept under its own name)`,
  'unknown-category': (what) => `category ${JSON.stringify(what)} is not in the catalog`,
  'hs-code-leading-zero': (what) =>
    `HS code ${JSON.stringify(what)} has an odd number of digits: it lost a leading zero, and is read as 0${what} (as analyses read it)`,
  'hs-code-length': (what) => `HS code ${JSON.stringify(what)} is not 2, 4, 6, 8 or 10 digits`,
};

/** Maps the reader's InputError codes to validate's problem codes. */
function problemCode(err: InputError): ProblemCode {
  const c = err.code;
  return c === 'ragged-row' || c === 'rules-file' ? 'input' : c;
}

/**
 * Checks one input and reports every problem found (not only the first) through `emit`: the CSV structure,
 * each value, and, through `checker`, the consistency across rows. A syntax error or bad bytes end the
 * file (csv-parse cannot go on past them); everything else is reported and the reading goes on.
 */
export async function validateFile(
  input: InputSource,
  options: ValidateOptions,
  caches: SharedCaches,
  checker: RowChecker,
  emit: (p: Problem) => void,
  /** A workbook's data sheet, read in place of the input's bytes (`book.xlsx[Sheet]`). */
  sheet?: DataSheet,
): Promise<FileSummary> {
  const name = sheet?.name ?? input.name;
  const summary: FileSummary = {
    name,
    layout: null,
    variant: null,
    encoding: options.dialect.encoding,
    rows: 0,
    lineEndings: { crlf: 0, lf: 0, cr: 0 },
  };
  const firstLineOf = { crlf: 0, lf: 0, cr: 0 };
  const problem = (
    line: number | null,
    column: number | null,
    field: string | null,
    code: ProblemCode,
    message: string,
    hint?: string,
  ) =>
    emit({
      file: name,
      line,
      column,
      field,
      code,
      severity: PROBLEM_SEVERITY[code],
      message,
      hint,
    });

  const report: ReadReport = newReport();
  const known = new Set(options.catalog.map((c) => c.name));
  const tallies = new Map<string, Tally>();
  const tally = (
    code: ProblemCode,
    what: string,
    line: number,
    column: number | null,
    field: string | null,
  ) => {
    const key = `${code}\u0000${what}`;
    const t = tallies.get(key);
    if (t) t.count++;
    else tallies.set(key, { code, what, count: 1, first: line, column, field });
  };
  let current: FieldReader | undefined;
  let place: RowPlace | undefined;
  const onRow = (row: TradeRow) => {
    const p = place as RowPlace;
    if (current && (p.partnerCodeText !== undefined || p.partnerNameText !== undefined)) {
      p.partnerCodeText = codeCol >= 0 ? current.text(codeCol) : undefined;
      p.partnerNameText = nameCol >= 0 ? current.text(nameCol) : undefined;
    }
    checkRow(row, p);
    checker.add(row, p);
  };
  const checkRow = (row: TradeRow, p: RowPlace) => {
    if (row.value === undefined) {
      tally(
        row.marker ? 'suppressed' : 'empty-value',
        row.marker ?? '',
        row.line,
        p.valueColumn,
        p.valueField,
      );
    } else if (row.value < 0) {
      problem(
        row.line,
        p.valueColumn,
        p.valueField,
        'negative-value',
        `negative value ${row.value}: trade values are never below 0`,
      );
    }
    const code = row.code;
    if (code !== undefined && code !== 'TOTAL' && (row.system ?? 'HS') === 'HS') {
      if (row.padded) tally('hs-code-leading-zero', code.slice(1), row.line, hsColumn, hsField);
      else if (!/^\d{2}(\d{2}){0,4}$/.test(code)) tally('hs-code-length', code, row.line, hsColumn, hsField);
    }
    if (row.partner.kind === 'unknown')
      tally('unknown-partner', row.partner.name, row.line, p.partnerColumn, p.partnerField);
    if (row.category !== undefined && !known.has(row.category)) {
      tally('unknown-category', row.category ?? '', row.line, categoryColumn, categoryField);
    }
  };

  const file = new TradeFile(
    name,
    {
      ...options,
      titleLinesOk: true,
      sheetRows: sheet !== undefined,
      measure: sheet?.byMeasure ? undefined : options.measure,
    },
    report,
    {},
    caches,
    onRow,
    true,
    sheet ? { facts: sheet.facts, sheet: sheet.sheet } : {},
  );
  let header: string[] | undefined;
  let structural = options.structureOnly === true;
  const early: Array<{ fields: string[]; line: number }> = [];
  let pendingBlank: Array<{ line: number; empty: boolean }> = [];
  let codeCol = -1;
  let nameCol = -1;
  let hsColumn: number | null = null;
  let hsField: string | null = null;
  let categoryColumn: number | null = null;
  let categoryField: string | null = null;
  let records = 0;

  const useHeader = (fields: string[], line: number, rowNames = false) => {
    header = fields;
    const seen = new Map<string, number>();
    fields.forEach((h, i) => {
      const key = h.normalize('NFC').trim().toLowerCase();
      if (rowNames && i === 0) return; // R's row-names column has no name
      if (key === '') {
        problem(
          line,
          i + 1,
          null,
          'blank-header',
          `header cell ${i + 1} is empty`,
          'name the column, or remove it',
        );
        return;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        problem(
          line,
          i + 1,
          h,
          'duplicate-header',
          `column ${i + 1} repeats the header "${h}" of column ${first}`,
        );
      } else seen.set(key, i + 1);
    });
  };

  const onHeaderFailure = (err: InputError) => {
    problem(
      err.location.line ?? 1,
      err.location.column ?? null,
      null,
      problemCode(err) === 'input' ? 'missing-column' : problemCode(err),
      err.detail,
      err.hint,
    );
    structural = true;
    // The header is the line the error is about (past metadata lines), else the first line.
    const at = Math.max(
      0,
      early.findIndex((e) => e.line === err.location.line),
    );
    const first = early[at];
    if (first && !header) {
      useHeader(first.fields, first.line);
      for (const e of early.slice(at + 1)) structure(e.fields, e.line);
    }
  };

  // The CSV structure of one data row; returns whether the row has the header's width.
  const structure = (fields: string[] | FieldReader, line: number): boolean => {
    const count = Array.isArray(fields) ? fields.length : fields.count;
    const text = (i: number) => (Array.isArray(fields) ? (fields[i] ?? '') : fields.text(i));
    const width = header?.length ?? count;
    if (count < width) {
      if (count === 1 && width > 2 && /[A-Za-z]{3,}/.test(text(0)) && !/^\s*[-\d.,]+\s*$/.test(text(0))) {
        problem(
          line,
          1,
          null,
          'footnote',
          `a note inside or below the table: ${JSON.stringify(text(0).slice(0, 60))}`,
          'remove it, or keep notes in a separate file',
        );
        return false;
      }
      for (let c = count + 1; c <= width; c++) {
        problem(
          line,
          c,
          header?.[c - 1] ?? null,
          'missing-cell',
          `row has ${count} cell${count === 1 ? '' : 's'}, the header has ${width}: no cell for column ${c}`,
        );
      }
      return false;
    }
    if (count === width + 1 && text(width) === '' && header) {
      // The Comtrade portal's trailing comma: read as the analyses read it, counted once per file.
      tally('trailing-empty-field', '', line, width + 1, null);
      return true;
    }
    if (count > width) {
      for (let c = width + 1; c <= count; c++) {
        problem(
          line,
          c,
          null,
          'extra-cell',
          `row has ${count} cells, the header has ${width}: cell ${c} (${JSON.stringify(text(c - 1).slice(0, 30))}) has no column`,
          'an unquoted comma inside a value splits it in two: quote the value',
        );
      }
      return false;
    }
    return true;
  };

  const onRecord = (r: FieldReader) => {
    records++;
    if (!header) {
      const fields = Array.from({ length: r.count }, (_, i) => r.text(i));
      if (r.line <= (options.skipLines ?? 0)) return;
      early.push({ fields, line: r.line });
      if (structural) {
        useHeader(fields, r.line);
        return;
      }
      try {
        file.record(r, { encoding: summary.encoding });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        onHeaderFailure(err);
        return;
      }
      const map = file.columns;
      if (!map) return; // still looking past metadata lines
      summary.layout = file.layoutName as ProfileName;
      summary.variant = file.columns?.variant ?? '';
      const stats = file.fileStats;
      const line = stats?.headerLine ?? r.line;
      for (const titleLine of file.titleLines)
        problem(
          titleLine,
          null,
          null,
          'title-row',
          "a line above the header that is not the source's own (a title?)",
          `pass over it with --skip-lines ${line - 1}`,
        );
      useHeader(map.header, line, map.rowNames);
      const at = (f: Field) => map.index[f];
      const col = (f: Field) => {
        const i = at(f);
        return i === undefined
          ? { column: null, field: null }
          : { column: i + 1, field: map.header[i] ?? null };
      };
      const value = col('value');
      const partner = at('partner') !== undefined ? col('partner') : col('partner_code');
      codeCol = at('partner_code') ?? -1;
      nameCol = at('partner') ?? -1;
      ({ column: hsColumn, field: hsField } = col('code'));
      ({ column: categoryColumn, field: categoryField } = col('category'));
      place = {
        valueColumn: value.column,
        valueField: value.field,
        partnerColumn: partner.column,
        partnerField: partner.field,
        partnerCodeText: codeCol >= 0 && nameCol >= 0 ? '' : undefined,
        partnerNameText: codeCol >= 0 && nameCol >= 0 ? '' : undefined,
        hasMonths: at('month') !== undefined || at('period') !== undefined,
      };
      return;
    }
    if (r.isBlank()) {
      pendingBlank.push({ line: r.line, empty: r.count === 1 && r.text(0) === '' });
      return;
    }
    for (const b of pendingBlank) problem(b.line, null, null, 'blank-row', 'a blank row inside the table');
    pendingBlank = [];
    summary.rows++;
    if (!structure(r, r.line) || structural) return;
    current = r;
    try {
      file.record(r, { encoding: summary.encoding });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problem(
        err.location.line ?? r.line,
        err.location.column ?? null,
        columnName(err.location.column),
        problemCode(err),
        err.detail,
        err.hint,
      );
    }
  };
  const columnName = (column: number | undefined) =>
    column === undefined ? null : (header?.[column - 1] ?? null);

  const counted: InputSource = {
    name,
    size: input.size,
    open: (o) => countLineEndings(input.open(o), summary.lineEndings, firstLineOf),
  };
  const meta: { encoding: string; bytes?: number } = { encoding: options.dialect.encoding };
  try {
    if (sheet) {
      meta.encoding = 'xlsx';
      for await (const row of sheet.rows) onRecord(new StringRecord(row.fields, row.line));
    } else {
      for await (const _ of eachRecord(counted, options, onRecord, meta)) {
        // records are checked as they come
      }
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const code = problemCode(err);
    problem(
      err.location.line ?? null,
      err.location.column ?? null,
      columnName(err.location.column),
      code === 'input' ? 'csv-syntax' : code,
      err.detail,
      err.hint,
    );
  }
  summary.encoding = meta.encoding;
  // Blank rows at the end: rows of empty cells are reported; empty lines are not (a trailing newline or two).
  for (const b of pendingBlank)
    if (!b.empty) problem(b.line, null, null, 'blank-row', 'a blank row below the table');

  if (records === 0) problem(null, null, null, 'empty-file', 'the file is empty: no header and no rows');
  else if (!header && early.length && !structural) {
    try {
      file.finish();
    } catch (err) {
      if (err instanceof InputError) onHeaderFailure(err);
    }
  } else if (header && summary.rows === 0)
    problem(null, null, null, 'no-rows', 'the file has a header and no data rows');

  for (const t of tallies.values()) {
    const { code, what } = t;
    const times = t.count === 1 ? `line ${t.first}` : `${t.count} rows, first at line ${t.first}`;
    const say = TALLIED[code] ?? TALLIED['hs-code-length'];
    const message = `${say?.(what) ?? code}: ${times}`;
    const hint =
      code === 'unknown-category'
        ? 'define it with --categories FILE'
        : code === 'hs-code-leading-zero'
          ? 'store HS codes as text, not numbers'
          : undefined;
    problem(t.first, t.column, t.field, code, message, hint);
  }

  const endings = Object.entries(summary.lineEndings).filter(([, n]) => n > 0);
  if (endings.length > 1) {
    const [minority] = endings.sort((a, b) => a[1] - b[1]);
    const kind = minority?.[0] as 'crlf' | 'lf' | 'cr';
    const list = endings.map(([k, n]) => `${n} ${k.toUpperCase()}`).join(', ');
    problem(
      firstLineOf[kind],
      null,
      null,
      'mixed-line-endings',
      `the file mixes line endings (${list}); the first ${kind.toUpperCase()} is at the end of this line`,
    );
  }
  return summary;
}

/** Passes the bytes through, counting CRLF, LF and CR line endings and the line of each kind's first. */
async function* countLineEndings(
  source: AsyncIterable<Buffer>,
  counts: { crlf: number; lf: number; cr: number },
  first: { crlf: number; lf: number; cr: number },
): AsyncGenerator<Buffer> {
  let line = 1;
  let pendingCR = false;
  const seen = (kind: 'crlf' | 'lf' | 'cr') => {
    counts[kind]++;
    if (!first[kind]) first[kind] = line;
    line++;
  };
  for await (const chunk of source) {
    if (!pendingCR && chunk.indexOf(13) === -1) {
      // No CR in this chunk: count its LFs natively.
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) seen('lf');
    } else {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (pendingCR) {
          pendingCR = false;
          if (c === 10) {
            seen('crlf');
            continue;
          }
          seen('cr');
        }
        if (c === 13) pendingCR = true;
        else if (c === 10) seen('lf');
      }
    }
    yield chunk;
  }
  if (pendingCR) seen('cr');
}
