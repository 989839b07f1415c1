import type { Flow } from '../catalog/flows.js';
import { InputError } from '../errors.js';
import { canonical } from '../sources/canonical.js';
import { detectProfile, profileByName } from '../sources/index.js';
import { headerView, type WorkbookFacts } from '../sources/types.js';
import { planFile } from './file-plan.js';
import type { FilePlan } from './plan-types.js';
import type { ReadOptions } from './read-options.js';

/** A record seen before the header, while the header is looked for past title lines. */
export interface EarlyRecord {
  fields: string[];
  line: number;
}

/** The header found, and what stood above it. */
export interface FoundHeader {
  plan: FilePlan;
  /** The header's line. */
  line: number;
  /** Lines above the header that are not the source's own (titles), when they were let through. */
  titleLines: number[];
  /** Every line above the header that was passed over (--skip-lines, a source's title lines, R's names). */
  skippedLines: number[];
}

/** How many lines korus-stats looks through for a header before giving up. */
const MAX_PREAMBLE = 12;

/**
 * Looks for a file's header, one record at a time: past --skip-lines, a source's title lines and R's
 * write.csv names, it finds the header's profile and makes the file's plan from it. The reader and
 * `validate` both look through it, so both take the same line for the header.
 */
export class HeaderSearch {
  /** Every record offered past --skip-lines, the one being looked at too (validate's fallback header). */
  readonly offered: EarlyRecord[] = [];
  private readonly early: EarlyRecord[] = [];
  private firstError: InputError | undefined;
  /** Line 1 was R's `"","V1","V2",...`: the real header is the next record, after a row-names cell. */
  private rMatrix = false;

  constructor(
    private readonly name: string,
    private readonly options: ReadOptions,
    /** The flow the analysis asks for, to pick a per-flow value column. */
    private readonly flow: Flow | undefined,
    /** Facts a workbook's parameters sheet gave (DataWeb's "Query Parameters"). */
    private readonly sheetFacts: WorkbookFacts | undefined,
  ) {}

  /**
   * Looks at one record: the header found (with its plan), or undefined while the header may still come.
   * Throws InputError when this record should have been the header and cannot be.
   */
  offer(fields: string[], line: number): FoundHeader | undefined {
    const skip = this.options.skipLines ?? 0;
    if (line <= skip) {
      this.early.push({ fields, line });
      return undefined;
    }
    this.offered.push({ fields, line });
    // R's write.csv of a matrix (jsonlite::fromJSON of an API answer): "", V1, V2, ... then the real header.
    if (!this.rMatrix && this.early.length === 0 && isRMatrixNames(fields)) {
      this.rMatrix = true;
      this.early.push({ fields, line });
      return undefined;
    }
    // R's row names: a first header cell that is empty (write.csv of a data frame) or a row number.
    const rowNames =
      this.rMatrix ||
      (fields.length > 1 && fields[0]?.trim() === '' && fields.slice(1).every((f) => f.trim() !== ''));
    const named = rowNames ? ['', ...fields.slice(1)] : fields;
    const layout = this.options.layout;
    const chosen = layout && layout !== 'auto' ? profileByName(layout) : undefined;
    const detected = chosen
      ? { profile: chosen, variant: '' }
      : detectProfile(headerView(rowNames ? named.slice(1) : named));
    const { profile, variant } = detected;
    const preamble = this.early.filter((e) => e.line > skip);
    const facts = mergeFacts(this.sheetFacts, profile.workbook?.facts(preamble.map((e) => e.fields)));
    let plan: FilePlan;
    try {
      plan = planFile(named, {
        file: this.name,
        line,
        profile,
        variant,
        overrides: this.options.columns ?? {},
        measure: this.options.measure,
        unit: this.options.unit,
        set: this.options.set ?? {},
        flow: this.flow,
        facts,
        preambleText: preamble.map((e) => e.fields.join(' ')).join(' '),
        rowNames,
        checking: this.options.titleLinesOk,
      });
    } catch (err) {
      // Title lines above the header: keep looking a few lines down. A header that is recognisably a
      // source's but lacks a field is that field's problem, not a title's.
      if (!(err instanceof InputError) || err.code !== 'missing-column' || profile !== canonical) throw err;
      this.headerProblem(fields, line, err);
      if (this.early.length >= MAX_PREAMBLE) throw this.firstError ?? err;
      this.firstError ??= err;
      this.early.push({ fields, line });
      return undefined;
    }
    // Lines above the header must be the source's own (a title, "Data Row Count"), or passed over on request.
    const strangers = preamble.filter(
      (e) => !(this.rMatrix && e === this.early[0]) && !profile.preamble?.(e.fields),
    );
    if (strangers.length && !this.options.titleLinesOk) throw titleRow(this.name, strangers, line);
    return {
      plan,
      line,
      titleLines: strangers.map((e) => e.line),
      skippedLines: this.early.map((e) => e.line),
    };
  }

  /** Why no header was found, when the input ends before one. */
  failure(): InputError {
    return (
      this.firstError ??
      new InputError({ file: this.name }, 'empty file: no header and no rows', undefined, 'empty-file')
    );
  }

  /** A candidate header line that cannot be one, for a reason worth saying at once. */
  private headerProblem(fields: string[], line: number, err: InputError): void {
    const delimiter = this.options.dialect.delimiter;
    if (fields.every((f) => /^[ \t]*$/.test(f))) {
      throw new InputError(
        { file: this.name, line },
        line === 1
          ? 'the first line is blank; expected the header row'
          : `line ${line} is blank; expected the header row`,
        undefined,
        'blank-header',
      );
    }
    const sep = /^sep=(.)$/i.exec((fields[0] ?? '').trim());
    if (fields.length <= 2 && sep) {
      throw new InputError(
        { file: this.name, line },
        `the first line is Excel's "sep=${sep[1]}" line, not the header`,
        `remove that line${sep[1] === delimiter ? '' : ` and pass --delimiter '${sep[1]}'`}`,
        'missing-column',
      );
    }
    if (fields.length === 1 && (fields[0] ?? '').includes(';') && delimiter !== ';') {
      throw new InputError(
        { file: this.name, line },
        'the header is one column holding ";": the file is ;-separated',
        "pass --delimiter ';' (and --decimal , if numbers use a decimal comma)",
        'missing-column',
      );
    }
    // A line of one or two cells (the rest empty) is a title; a wider one that is no header is said as it is.
    const cells = fields.filter((f) => f.trim() !== '').length;
    if (cells > 2 && this.early.length === 0 && !this.rMatrix) throw err;
  }
}

/** Lines above the header that are not the source's own: refused, unless title lines are let through. */
function titleRow(file: string, strangers: EarlyRecord[], line: number): InputError {
  const first = strangers[0]?.line ?? 1;
  const one = strangers.length === 1;
  return new InputError(
    { file, line: first },
    `line ${first} looks like a title, not the header: ${strangers.length} line${one ? '' : 's'} above the header (line ${line}) ${one ? 'is' : 'are'} not data`,
    `pass over ${one ? 'it' : 'them'} with --skip-lines ${line - 1}`,
    'title-row',
  );
}

/** Whether a first record is R's write.csv of a matrix: an empty cell, then V1, V2, ... Vn. */
function isRMatrixNames(fields: readonly string[]): boolean {
  return fields.length > 2 && fields[0] === '' && fields.slice(1).every((f, i) => f === `V${i + 1}`);
}

function mergeFacts(a: WorkbookFacts | undefined, b: WorkbookFacts | undefined): WorkbookFacts | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    constants: { ...b.constants, ...a.constants },
    scale: a.scale ?? b.scale,
    allCommodities: a.allCommodities || b.allCommodities,
    said: [...a.said, ...b.said],
  };
}
