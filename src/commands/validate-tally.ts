import type { FileSummary, Problem } from '../model/problems.js';
import type { ValidationReport } from '../output/report.js';

/**
 * Counts every problem validate finds, by code and by file, and keeps the first `max` of them to list
 * (--max-errors): the listing may be cut, the counts never are.
 */
export class ProblemTally {
  private readonly listed: Problem[] = [];
  private readonly byCode: Record<string, number> = {};
  private readonly perFile = new Map<string, { errors: number; warnings: number }>();

  constructor(private readonly max = Number.POSITIVE_INFINITY) {}

  /** Takes one problem; bound, so it can be handed on as a callback. */
  readonly emit = (p: Problem): void => {
    this.byCode[p.code] = (this.byCode[p.code] ?? 0) + 1;
    const f = this.perFile.get(p.file) ?? { errors: 0, warnings: 0 };
    if (p.severity === 'error') f.errors++;
    else f.warnings++;
    this.perFile.set(p.file, f);
    if (this.listed.length < this.max) this.listed.push(p);
  };

  /** The report over `files` (in the order read): valid unless errors, or warnings too when strict. */
  report(summaries: FileSummary[], strict: boolean): ValidationReport {
    const files = summaries.map((s) => ({
      ...s,
      ...(this.perFile.get(s.name) ?? { errors: 0, warnings: 0 }),
    }));
    // Problems in file order, then line order: the consistency checks report at the end of the run.
    const order = new Map(files.map((f, i) => [f.name, i]));
    const at = (p: Problem) => order.get(p.file) ?? 0;
    this.listed.sort((a, b) => at(a) - at(b) || (a.line ?? 0) - (b.line ?? 0));
    const errors = files.reduce((a, f) => a + f.errors, 0);
    const warnings = files.reduce((a, f) => a + f.warnings, 0);
    return {
      valid: errors === 0 && (!strict || warnings === 0),
      strict,
      files,
      problems: this.listed,
      counts: { errors, warnings, byCode: this.byCode },
    };
  }
}
