import type { FileSummary, Problem } from '../model/problems.js';
import type { ValidationReport } from '../output/report.js';
import type { ProblemWriter } from '../output/report-stream.js';

/** How many problems the GitHub step summary shows. */
const FIRST_KEPT = 50;

/**
 * Counts every problem validate finds, by code and by file, and hands the first `max` of them to the
 * report's writer as they come (--max-errors): the listing may be cut, the counts never are. Nothing is
 * kept per problem but the first few.
 */
export class ProblemTally {
  private listedCount = 0;
  private readonly first: Problem[] = [];
  /** Per code, in the order first met: a counter object, so a problem of the same code as the last costs no look-up. */
  private readonly byCode = new Map<string, { n: number }>();
  private readonly perFile = new Map<string, { errors: number; warnings: number }>();
  private lastCode: string | undefined;
  private lastCodeCount = { n: 0 };
  private lastFile: string | undefined;
  private lastFileCount = { errors: 0, warnings: 0 };

  constructor(
    private readonly writer: ProblemWriter,
    private readonly max = Number.POSITIVE_INFINITY,
  ) {}

  /** Whether the next problem is listed; when not, a check may `count` it without wording it. */
  get listing(): boolean {
    return this.listedCount < this.max;
  }

  /** Takes one problem; bound, so it can be handed on as a callback. */
  readonly emit = (p: Problem): void => {
    this.count(p.file, p.code, p.severity);
    if (this.listedCount >= this.max) return;
    this.listedCount++;
    if (this.first.length < FIRST_KEPT) this.first.push(p);
    this.writer.problem(p);
  };

  /** Counts one problem that is not listed. */
  readonly count = (file: string, code: string, severity: 'error' | 'warning'): void => {
    const c = code === this.lastCode ? this.lastCodeCount : this.codeCount(code);
    c.n++;
    const f = file === this.lastFile ? this.lastFileCount : this.fileCount(file);
    if (severity === 'error') f.errors++;
    else f.warnings++;
  };

  private codeCount(code: string): { n: number } {
    let c = this.byCode.get(code);
    if (!c) {
      c = { n: 0 };
      this.byCode.set(code, c);
    }
    this.lastCode = code;
    this.lastCodeCount = c;
    return c;
  }

  private fileCount(file: string): { errors: number; warnings: number } {
    let f = this.perFile.get(file);
    if (!f) {
      f = { errors: 0, warnings: 0 };
      this.perFile.set(file, f);
    }
    this.lastFile = file;
    this.lastFileCount = f;
    return f;
  }

  /** The report over `files` (in the order read): valid unless errors, or warnings too when strict. */
  report(summaries: FileSummary[], strict: boolean): ValidationReport {
    const files = summaries.map((s) => ({
      ...s,
      ...(this.perFile.get(s.name) ?? { errors: 0, warnings: 0 }),
    }));
    let errors = 0;
    let warnings = 0;
    for (const f of this.perFile.values()) {
      errors += f.errors;
      warnings += f.warnings;
    }
    return {
      valid: errors === 0 && (!strict || warnings === 0),
      strict,
      files,
      listed: this.listedCount,
      first: this.first,
      counts: { errors, warnings, byCode: Object.fromEntries([...this.byCode].map(([k, c]) => [k, c.n])) },
    };
  }
}
