import type { InputFacts, NotReadReason } from '../model/facts/read.js';
import type { Note } from '../model/notes.js';
import type { FileStats, ReadReport } from '../model/rows.js';
import { profileLabel } from '../sources/index.js';

/** Notes on what the reader left out, changed or assumed: each file's and the rows'. Worded in src/output/. */
export function readNotes(report: ReadReport): Note[] {
  const notes: Note[] = [];
  for (const f of report.files) notes.push(...fileNotes(f, report.footerTotals.has(f.name)));
  for (const d of Object.values(report.dimensions)) {
    if (d.detail) {
      notes.push({
        level: 'info',
        code: 'dimension-detail',
        facts: { rows: d.detail, dimension: d.label },
        count: d.detail,
      });
    }
  }
  const c = report.codes;
  if (c.padded) {
    notes.push({
      level: 'info',
      code: 'hs-code-repadded',
      facts: { codes: c.padded, examples: c.examples },
      count: c.padded,
    });
  }
  if (c.otherLevel) {
    notes.push({ level: 'info', code: 'other-hs-level', facts: { rows: c.otherLevel }, count: c.otherLevel });
  }
  if (report.otherFlows.size) {
    const n = [...report.otherFlows.values()].reduce((a, v) => a + v, 0);
    const flows = [...report.otherFlows].map(([flow, rows]) => ({ flow, rows }));
    notes.push({ level: 'info', code: 'other-flows', facts: { rows: n, flows }, count: n });
  }
  for (const [system, n] of report.otherClassification) {
    notes.push({ level: 'warning', code: 'other-classification', facts: { rows: n, system }, count: n });
  }
  if (report.notMoney.size) {
    const n = [...report.notMoney.values()].reduce((a, v) => a + v, 0);
    notes.push({
      level: 'info',
      code: 'not-money',
      facts: { rows: n, units: [...report.notMoney.keys()] },
      count: n,
    });
  }
  for (const d of report.delimiters) {
    notes.push({ level: 'info', code: 'delimiter-found', facts: { file: d.file, delimiter: d.delimiter } });
  }
  for (const t of report.codeTables) {
    notes.push({ level: 'info', code: 'code-table', facts: { file: t.name, codes: t.codes } });
  }
  notes.push(...inputNotes(report.inputs));
  if (report.sheetsSkipped.length) {
    notes.push({
      level: 'info',
      code: 'sheets-skipped',
      facts: { sheets: report.sheetsSkipped },
      count: report.sheetsSkipped.length,
    });
  }
  return notes;
}

/** Notes on what resolving --data passed over (warnings when a file it names could not be reached). */
export function inputNotes(facts: InputFacts | undefined): Note[] {
  if (!facts) return [];
  const notes: Note[] = [];
  const { notRead, sameFile } = facts;
  if (notRead.count) {
    const lost = ['dangling-link', 'link-loop', 'not-a-file'].some(
      (r) => notRead.reasons[r as NotReadReason],
    );
    notes.push({
      level: lost ? 'warning' : 'info',
      code: 'inputs-not-read',
      facts: notRead,
      count: notRead.count,
    });
  }
  if (sameFile.count)
    notes.push({ level: 'info', code: 'same-file', facts: sameFile, count: sameFile.count });
  return notes;
}

/** One file's notes: rows passed over, what was assumed of it, and how it was read. */
function fileNotes(f: FileStats, footerIsTotal: boolean): Note[] {
  const notes: Note[] = [];
  const file = f.name;
  if (f.blankRows) {
    notes.push({
      level: 'warning',
      code: 'blank-rows',
      facts: { file, rows: f.blankRows, runs: f.blankRuns },
      count: f.blankRows,
    });
  }
  if (f.skippedLines.length) {
    notes.push({
      level: f.layout === 'canonical' ? 'warning' : 'info',
      code: 'lines-above-header',
      facts: { file, lines: f.skippedLines, headerLine: f.headerLine },
      count: f.skippedLines.length,
    });
  }
  if (f.rowNames) notes.push({ level: 'info', code: 'row-names', facts: { file } });
  if (f.trailingEmpty) {
    notes.push({
      level: 'info',
      code: 'trailing-empty-field',
      facts: { file, rows: f.trailingEmpty },
      count: f.trailingEmpty,
    });
  }
  if (f.encoding.includes('not UTF-8')) {
    notes.push({ level: 'info', code: 'source-encoding', facts: { file, encoding: f.encoding } });
  }
  if (f.footerLines.length) {
    notes.push({
      level: 'info',
      code: 'footer-row',
      facts: { file, lines: f.footerLines, asTotal: footerIsTotal },
      count: f.footerLines.length,
    });
  }
  if (f.impliedWorld) notes.push({ level: 'warning', code: 'no-partner-column', facts: { file } });
  for (const [field, { value, from }] of Object.entries(f.constants)) {
    // --set values are the user's own; a source's own (Census rows are US imports) show in the title.
    if (field === 'category' || from.startsWith('--set') || from === profileLabel(f.layout)) continue;
    notes.push({ level: 'info', code: 'field-from-file', facts: { file, field, value, from } });
  }
  return notes;
}
