import type { CategoryDef } from '../catalog/categories.js';
import { loadCategories } from '../data/category-file.js';
import { checkDimensions } from '../data/check-dimensions.js';
import type { InputSource } from '../data/inputs.js';
import { readNotes } from '../data/read-notes.js';
import type { ReadOptions } from '../data/read-options.js';
import { resolveInputs } from '../data/resolve-inputs.js';
import { readTrade } from '../data/trade-rows.js';
import type { Note } from '../model/notes.js';
import { newReport, type ReadReport, type RowFilter, type TradeRow } from '../model/rows.js';
import { chalkFor } from '../output/color.js';
import { writeChunks } from '../output/json-writer.js';
import { noteText } from '../output/notes.js';
import { startProgress, totalSize } from '../output/progress.js';
import { type Format, type Renderable, renderChunks } from '../output/render.js';
import { guardLines, safeMessage } from '../output/safe.js';
import type { Context } from './context.js';
import type { InputOptions, OutputOptions, Scope } from './options.js';

// The one pipeline of every analysis: flags -> options (the command) -> catalog -> plan -> row filter ->
// read -> accumulate -> result -> notes -> render. A command parses its flags and calls `analyse` once.

/** What every analysis is told: where and how to read, which rows, and how to answer. */
export interface AnalysisOptions {
  input: InputOptions;
  scope: Scope;
  output: OutputOptions;
}

/** One analysis as a command plans it, once the category catalog is known. */
export interface Analysis<R extends { notes: Note[] }> {
  /** The category whose rows are read; undefined reads every category (breakdown). */
  category?: CategoryDef;
  /** Takes each row the read keeps; called unbound, once per row (the hot path: no wrapper around it). */
  add: (row: TradeRow) => void;
  /** The answer from the rows added; a KorusError says why there is none. */
  result(report: ReadReport): R;
  /** The answer in every format it offers. */
  renderable(result: R): Renderable;
}

/**
 * Runs one analysis: loads the catalog, lets the command plan with it, reads the inputs once through the
 * scope's row filter, and answers with the result and its notes (the reader's after the analysis's).
 */
export async function analyse<R extends { notes: Note[] }>(
  ctx: Context,
  options: AnalysisOptions,
  plan: (catalog: CategoryDef[]) => Analysis<R>,
): Promise<number> {
  const { io } = ctx;
  const analysis = plan(await loadCategories(options.input.categories));
  const { recursive } = options.input;
  const inputs = await resolveInputs(options.input.data, io.cwd, io.stdin, { recursive });
  const filter = rowFilter(options.scope, analysis.category);
  const { read } = options.input;
  const report = await readRows(ctx, inputs, read, filter, analysis.add, options.output.quiet);
  const result = analysis.result(report);
  result.notes.push(...readNotes(report));
  await answer(ctx, options.output, result.notes, analysis.renderable(result));
  return 0;
}

/** The rows an analysis reads: its scope, and its category when it has one. */
export function rowFilter(scope: Scope, category?: CategoryDef): RowFilter {
  return { category, flow: scope.flow, reporter: scope.reporter, source: scope.source };
}

/**
 * Reads the inputs, handing each row the filter keeps to `onRow`, with a progress line on a terminal (not
 * with --quiet); then refuses hidden dimensions without their totals. The one read every analysis makes.
 */
export async function readRows(
  ctx: Context,
  inputs: InputSource[],
  read: ReadOptions,
  filter: RowFilter,
  onRow: (row: TradeRow) => void,
  quiet: boolean,
): Promise<ReadReport> {
  const report = newReport();
  const progress = quiet ? undefined : startProgress(ctx.io.stderr, totalSize(inputs));
  try {
    await readTrade(inputs, { ...read, onProgress: progress?.update }, report, onRow, filter);
  } finally {
    progress?.stop();
  }
  checkDimensions(report);
  return report;
}

const PEOPLE_FORMATS: ReadonlySet<Format> = new Set(['table', 'text', 'markdown']);

/** Answers: the notes on stderr (unless --quiet), then the result on stdout in the format asked for. */
export async function answer(
  ctx: Context,
  output: OutputOptions,
  notes: Note[],
  result: Renderable,
): Promise<void> {
  printNotes(ctx, notes, output);
  const c = chalkFor(ctx.io.stdout, ctx.io.env, output.color);
  const width = terminalWidth(ctx.io.stdout, ctx.io.env);
  const chunks = renderChunks(result, output.format, c, { csvRaw: output.csvRaw, width });
  // Text for people may start a line with a name from the data; `github` is workflow commands by design.
  await writeChunks(ctx.io.stdout, PEOPLE_FORMATS.has(output.format) ? guarded(chunks) : chunks);
}

/**
 * The width tables are fitted to: a terminal's columns (or COLUMNS, when the terminal does not say);
 * none for a pipe or a file, which get the full layout.
 */
export function terminalWidth(out: Context['io']['stdout'], env: NodeJS.ProcessEnv): number | undefined {
  if (!out.isTTY) return undefined;
  const columns = out.columns ?? Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Each piece with its lines guarded (a people format is one piece, so no line is split between two). */
function* guarded(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield guardLines(chunk);
}

/** Prints notes to stderr ("korus-stats: warning: ..."), unless --quiet. */
export function printNotes(
  ctx: Context,
  notes: Note[],
  output: Pick<OutputOptions, 'color' | 'quiet'>,
): void {
  if (output.quiet) return;
  const c = chalkFor(ctx.io.stderr, ctx.io.env, output.color);
  for (const n of notes) {
    const tag = n.level === 'warning' ? c.yellow('warning') : c.dim('note');
    ctx.io.stderr.write(`korus-stats: ${tag}: ${safeMessage(noteText(n))}\n`);
  }
}
