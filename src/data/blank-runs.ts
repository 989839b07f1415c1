// Blank rows as runs (first..last line) and counts, never one entry per line: a file of 50 million empty
// lines costs a few numbers, and what is said of it names the runs (the first few of them).

/** How many runs of blank rows a file keeps to name; the count is kept whatever their number. */
export const BLANK_RUNS_KEPT = 100;

/** A stretch of blank rows not yet followed by data (consecutive records, so consecutive lines). */
export class BlankStretch {
  first = 0;
  last = 0;
  rows = 0;
  /** The rows of empty cells (`,,,`) in it: a trailing newline or two is no problem, these are. */
  cellRows = 0;
  firstCells = 0;
  lastCells = 0;

  /** One more blank row; `empty` when its line is empty (no delimiter). */
  add(line: number, empty: boolean): void {
    if (this.rows++ === 0) this.first = line;
    this.last = line;
    if (empty) return;
    if (this.cellRows++ === 0) this.firstCells = line;
    this.lastCells = line;
  }

  /** Starts again (data came, or the file ended). */
  clear(): void {
    this.rows = 0;
    this.cellRows = 0;
  }
}

/** The runs and count of blank rows between data rows in one file (FileStats' blank fields). */
export interface BlankCount {
  blankRows: number;
  blankRuns: Array<[number, number]>;
  blankLines: number[];
}

/** Adds a stretch followed by data to a file's count: the run named while few, the rows always counted. */
export function addBlankRun(to: BlankCount, s: BlankStretch): void {
  to.blankRows += s.rows;
  if (to.blankRuns.length < BLANK_RUNS_KEPT) to.blankRuns.push([s.first, s.last]);
  for (let line = s.first; line <= s.last && to.blankLines.length < BLANK_RUNS_KEPT; line++)
    to.blankLines.push(line);
}
