// validate's checks of each row's values (issue 10: rules in core, problems as data): what a read row
// holds that is worth saying although the analyses read it (a suppressed value, a lost leading zero, a
// partner or category the catalog does not know), counted once per file with the line of the first.
import type { CategoryDef } from '../catalog/categories.js';
import type { ProblemCode } from '../model/codes.js';
import { PROBLEM_SEVERITY, type Problem } from '../model/problems.js';
import type { RowPlace, TradeRow } from '../model/rows.js';
import { grown } from '../model/typed-arrays.js';

/** Where a cell is in a file: its 1-based column and header, or null when the file has no such column. */
export interface CellAt {
  column: number | null;
  field: string | null;
}

/** The cells of a file the value rules speak of besides a row's place: its code and its category. */
export interface RuleCells {
  code: CellAt;
  category: CellAt;
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

/** What to do about a counted problem, by code. */
const TALLY_HINTS: Readonly<Partial<Record<ProblemCode, string>>> = {
  'unknown-category': 'define it with --categories FILE',
  'hs-code-leading-zero': 'store HS codes as text, not numbers',
};

/** A problem of `file` at a place, with its code's severity. */
export function problemAt(
  file: string,
  line: number | null,
  column: number | null,
  field: string | null,
  code: ProblemCode,
  message: string,
  hint?: string,
): Problem {
  return { file, line, column, field, code, severity: PROBLEM_SEVERITY[code], message, hint };
}

/**
 * Problems counted once per file for many rows, by code and the text they are about, in columns: an entry
 * per distinct (code, text) is its text, its count and first line and place in typed arrays, found through
 * a map per code keyed by the text itself. A file naming millions of partners the catalog does not know has
 * millions of entries: an object and a joined key string each held about 600 bytes an entry.
 */
class Tallies {
  private readonly byCode = new Map<ProblemCode, Map<string, number>>();
  private readonly codes: ProblemCode[] = [];
  private readonly whats: string[] = [];
  private readonly fields: Array<string | null> = [];
  /** Per entry: its count, first line and column (-1: none). */
  private ints = new Int32Array(3 * 64);
  /** Counts past 2^31 - 1 rows, by entry (never in practice; exact all the same). */
  private big: Map<number, number> | undefined;
  private lastCode: ProblemCode | undefined;
  private lastWhat = '';
  private lastEntry = -1;

  get size(): number {
    return this.whats.length;
  }

  /** Counts one more row of (code, what), first seen at `line`. */
  add(code: ProblemCode, what: string, line: number, column: number | null, field: string | null): void {
    let e = this.lastEntry;
    if (e < 0 || code !== this.lastCode || what !== this.lastWhat) {
      let byWhat = this.byCode.get(code);
      if (!byWhat) {
        byWhat = new Map();
        this.byCode.set(code, byWhat);
      }
      const found = byWhat.get(what);
      if (found === undefined) {
        e = this.push(code, what, line, column, field);
        byWhat.set(what, e);
        this.remember(code, what, e);
        return;
      }
      e = found;
      this.remember(code, what, e);
    }
    const n = this.ints[3 * e] as number;
    if (n < 0x7fffffff) this.ints[3 * e] = n + 1;
    else {
      this.big ??= new Map();
      this.big.set(e, (this.big.get(e) ?? 0) + 1);
    }
  }

  /** Entry e: its code, text, count, first line, column and field. */
  entry(e: number): {
    code: ProblemCode;
    what: string;
    count: number;
    first: number;
    column: number | null;
    field: string | null;
  } {
    const column = this.ints[3 * e + 2] as number;
    return {
      code: this.codes[e] as ProblemCode,
      what: this.whats[e] as string,
      count: (this.ints[3 * e] as number) + (this.big?.get(e) ?? 0),
      first: this.ints[3 * e + 1] as number,
      column: column < 0 ? null : column,
      field: this.fields[e] ?? null,
    };
  }

  private remember(code: ProblemCode, what: string, e: number): void {
    this.lastCode = code;
    this.lastWhat = what;
    this.lastEntry = e;
  }

  private push(
    code: ProblemCode,
    what: string,
    line: number,
    column: number | null,
    field: string | null,
  ): number {
    const e = this.whats.length;
    if (3 * (e + 1) > this.ints.length) this.ints = grown(this.ints);
    this.codes.push(code);
    this.whats.push(what);
    this.fields.push(field);
    this.ints[3 * e] = 1;
    this.ints[3 * e + 1] = line;
    this.ints[3 * e + 2] = column ?? -1;
    return e;
  }
}

/** The value rules of one file: a negative value is a problem of its row; the others are counted. */
export class ValueRules {
  private readonly tallies = new Tallies();

  constructor(
    private readonly file: string,
    private readonly cells: RuleCells,
    /** The names of the catalog's categories. */
    private readonly known: ReadonlySet<string>,
  ) {}

  /** Checks one row: the problem to report at once (a negative value), if any; the rest is counted. */
  row(row: TradeRow, place: RowPlace): Problem | undefined {
    let found: Problem | undefined;
    if (row.value === undefined) {
      const code = row.marker ? 'suppressed' : 'empty-value';
      this.tally(code, row.marker ?? '', row.line, place.valueColumn, place.valueField);
    } else if (row.value < 0) {
      found = problemAt(
        this.file,
        row.line,
        place.valueColumn,
        place.valueField,
        'negative-value',
        `negative value ${row.value}: trade values are never below 0`,
      );
    }
    const code = row.code;
    const hs = this.cells.code;
    if (code !== undefined && code !== 'TOTAL' && (row.system ?? 'HS') === 'HS') {
      if (row.padded) this.tally('hs-code-leading-zero', code.slice(1), row.line, hs.column, hs.field);
      else if (!isHsLength(code)) this.tally('hs-code-length', code, row.line, hs.column, hs.field);
    }
    if (row.partner.kind === 'unknown')
      this.tally('unknown-partner', row.partner.name, row.line, place.partnerColumn, place.partnerField);
    if (row.category !== undefined && !this.known.has(row.category)) {
      const at = this.cells.category;
      this.tally('unknown-category', row.category ?? '', row.line, at.column, at.field);
    }
    return found;
  }

  /** Counts one more row with a problem reported once per file (by its code and the text it is about). */
  tally(code: ProblemCode, what: string, line: number, column: number | null, field: string | null): void {
    this.tallies.add(code, what, line, column, field);
  }

  /** The counted problems, one per code and text, in the order first met, each at its first line (made as read). */
  *tallied(): IterableIterator<Problem> {
    for (let e = 0; e < this.tallies.size; e++) {
      const t = this.tallies.entry(e);
      const { code, what } = t;
      const times = t.count === 1 ? `line ${t.first}` : `${t.count} rows, first at line ${t.first}`;
      const say = TALLIED[code] ?? TALLIED['hs-code-length'];
      const message = `${say?.(what) ?? code}: ${times}`;
      yield problemAt(this.file, t.first, t.column, t.field, code, message, TALLY_HINTS[code]);
    }
  }
}

/** Whether an HS code is 2, 4, 6, 8 or 10 ASCII digits (as /^\d{2}(\d{2}){0,4}$/, without a regex per row). */
function isHsLength(code: string): boolean {
  const n = code.length;
  if (n < 2 || n > 10 || (n & 1) !== 0) return false;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** validate's value rules over a catalog's categories: one ValueRules per file, made once its cells are known. */
export function valueRules(catalog: readonly CategoryDef[]): (file: string, cells: RuleCells) => ValueRules {
  const known = new Set(catalog.map((c) => c.name));
  return (file, cells) => new ValueRules(file, cells, known);
}
