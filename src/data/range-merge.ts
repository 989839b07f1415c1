// Joining what the ranges of one file found (range-job.ts) into one report and one file's stats, in the
// file's order, as if one thread had read the file: counts added, first examples kept in order, lines
// counted from the file's start, and blank rows that run across a range's end joined into one stretch.

import type { FileStats, ReadReport } from '../model/rows.js';
import { addBlankRun, BLANK_RUNS_KEPT, BlankStretch } from './blank-runs.js';
import type { RangeEnd, Stretch } from './range-job.js';

function addCounts<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/** Adds a range's report to the file's (all but its files, which FileJoin joins). */
export function addReport(into: ReadReport, from: ReadReport): void {
  into.rowsRead += from.rowsRead;
  into.rowsFiltered += from.rowsFiltered;
  for (const c of from.categoriesSeen) into.categoriesSeen.add(c);
  into.hsCodedRows += from.hsCodedRows;
  for (const [label, d] of Object.entries(from.dimensions)) {
    const to = into.dimensions[label] ?? { label: d.label, total: 0, detail: 0 };
    into.dimensions[label] = to;
    to.total += d.total;
    to.detail += d.detail;
  }
  const codes = into.codes;
  codes.padded += from.codes.padded;
  codes.otherLevel += from.codes.otherLevel;
  for (const e of from.codes.examples)
    if (codes.examples.length < 3 && !codes.examples.includes(e)) codes.examples.push(e);
  for (const f of Object.keys(into.otherFlowRows) as Array<keyof ReadReport['otherFlowRows']>) {
    into.otherFlowRows[f] += from.otherFlowRows[f];
  }
  addCounts(into.otherFlows, from.otherFlows);
  addCounts(into.otherClassification, from.otherClassification);
  addCounts(into.notMoney, from.notMoney);
  for (const f of from.footerTotals) into.footerTotals.add(f);
}

/** One file's stats, joined from its ranges' in order. */
export class FileJoin {
  stats: FileStats | undefined;
  /** Blank rows at the end of the ranges so far, not yet followed by data (lines of the file). */
  private readonly carry = new BlankStretch();

  /** Takes the next range's end; `lineBase` is added to its lines (0 when they count from the file's start). */
  add(end: RangeEnd, lineBase: number): void {
    const part = end.report.files[0];
    if (!part) return; // no header yet: nothing but the search for it
    const at = (line: number) => line + lineBase;
    // The range that found the header gives what the header says; counts and lists start empty.
    this.stats ??= {
      ...part,
      rows: 0,
      trailingEmpty: 0,
      blankRows: 0,
      blankRuns: [],
      blankLines: [],
      footerLines: [],
    };
    const stats = this.stats;
    // Blank rows that began the range go on the stretch the range before ended with; data after them
    // makes the whole stretch one run between data rows.
    if (end.held) this.extend(end.held, lineBase);
    if (end.nonBlank && this.carry.rows > 0) {
      addBlankRun(stats, this.carry);
      this.carry.clear();
    }
    stats.rows += part.rows;
    stats.trailingEmpty += part.trailingEmpty;
    stats.blankRows += part.blankRows;
    for (const run of part.blankRuns) {
      if (stats.blankRuns.length < BLANK_RUNS_KEPT) stats.blankRuns.push([at(run[0]), at(run[1])]);
    }
    for (const line of part.blankLines) {
      if (stats.blankLines.length < BLANK_RUNS_KEPT) stats.blankLines.push(at(line));
    }
    for (const line of part.footerLines) stats.footerLines.push(at(line));
    if (end.pending) this.extend(end.pending, lineBase);
  }

  /** Puts a range's stretch on the end of the carried one (they are consecutive rows). */
  private extend(s: Stretch, lineBase: number): void {
    const c = this.carry;
    if (c.rows === 0) c.first = s.first + lineBase;
    c.last = s.last + lineBase;
    c.rows += s.rows;
  }
}
