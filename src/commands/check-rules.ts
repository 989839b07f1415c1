import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { type CategoryDef, resolveCategory } from '../catalog/categories.js';
import { lookupPartner, reporterCode } from '../catalog/partners.js';
import type { Measurement } from '../core/check.js';
import { ShareAccumulator, type ShareQuery } from '../core/share/index.js';
import { readConfigText } from '../data/config-json.js';
import { readNotes } from '../data/read-notes.js';
import { resolveInputs } from '../data/resolve-inputs.js';
import { RULES_FILE } from '../data/rules-file.js';
import { copyToTemp, type StreamCopy } from '../data/stdin-copy.js';
import { InputError, KorusError } from '../errors.js';
import type { CheckRule, RulesFile } from '../model/check-rules.js';
import type { Note } from '../model/notes.js';
import type { RowFilter, TradeRow } from '../model/rows.js';
import type { Context } from './context.js';
import type { InputOptions } from './options.js';
import { readRows, rowFilter } from './pipeline.js';

/** The rules file read when none is named, in the current directory. */
export const DEFAULT_RULES_FILE = 'korus-stats.checks.json';

/** The text of the rules file at `path` (`shown` as given); a missing or unreadable file is an InputError. */
export async function readRules(path: string, shown: string, isDefault: boolean): Promise<string> {
  try {
    return await readConfigText(path, shown, RULES_FILE);
  } catch (err) {
    if (err instanceof KorusError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(
        { file: shown },
        isDefault ? 'no such file (the default rules file, in the current directory)' : 'no such file',
        isDefault
          ? `name a rules file (korus-stats check RULES.json), or write ${DEFAULT_RULES_FILE} (schema: schemas/checks.schema.json)`
          : undefined,
        'rules-file',
      );
    }
    throw new InputError(
      { file: shown },
      code === 'EISDIR' ? 'is a folder, not a rules file' : `cannot read (${code})`,
      undefined,
      'rules-file',
    );
  }
}

/** One rule's plan: its query, the accumulator the share pipeline fills, and (rows rules) one for its year only. */
interface Plan {
  index: number;
  rule: CheckRule;
  acc: ShareAccumulator;
  yearAcc?: ShareAccumulator;
  partnerCode?: string;
}

/** The rules over the same data and filter: they share one read. */
interface Group {
  paths: string[] | undefined;
  filter: RowFilter;
  plans: Plan[];
}

/**
 * Measures every rule with the share pipeline: rules over the same data and filter share one read, each
 * with its own ShareAccumulator, as `share` would compute them one by one. The reader's notes and the
 * results' warnings go to `notes`.
 */
export async function measure(
  ctx: Context,
  rules: RulesFile,
  rulesDir: string,
  catalog: CategoryDef[],
  input: InputOptions,
  quiet: boolean,
  notes: Note[],
): Promise<Measurement[]> {
  const { io } = ctx;
  const out: Measurement[] = [];
  const groups = new Map<string, Group>();
  rules.rules.forEach((rule, index) => {
    const category = resolveCategory(rule.category, catalog);
    const partner = rule.partner === undefined ? undefined : lookupPartner(rule.partner);
    const scope = {
      flow: rule.flow,
      reporter: rule.reporter ? reporterCode(rule.reporter) : undefined,
      source: rule.source,
    };
    // A partner-present rule reads all partners' rows and looks for its partner among them.
    const shared = rule.type === 'share' || rule.type === 'change' ? partner : undefined;
    const query: ShareQuery = { category, year: rule.year, ...scope, partner: shared, dedupe: input.dedupe };
    // Paths in the file are relative to the file; --data (relative to the current directory) replaces the
    // file's default data, not a rule's own.
    const paths = rule.data
      ? rule.data.map((p) => fromDir(io.cwd, rulesDir, p))
      : (input.data ?? rules.data?.map((p) => fromDir(io.cwd, rulesDir, p)));
    const filter = rowFilter(scope, category);
    const key = JSON.stringify([paths ?? null, category.name, filter.flow, filter.reporter, filter.source]);
    let group = groups.get(key);
    if (!group) {
      group = { paths, filter, plans: [] };
      groups.set(key, group);
    }
    const yearAcc = rule.type === 'rows' ? new ShareAccumulator(query) : undefined;
    group.plans.push({ index, rule, acc: new ShareAccumulator(query), yearAcc, partnerCode: partner?.code });
  });
  // Rules over other categories or scopes read stdin again: it streams to a temporary file for them, so
  // memory stays independent of its size (a single read takes it as it comes, like share's).
  const stdinReads = [...groups.values()].filter((g) => g.paths?.includes('-')).length;
  const copy = stdinReads > 1 ? await copyToTemp(io.stdin) : undefined;
  try {
    for (const group of groups.values()) await measureGroup(ctx, group, input, quiet, notes, out, copy);
  } finally {
    await copy?.remove();
  }
  return out;
}

/** Measures the rules of one group with one read of its data. */
async function measureGroup(
  ctx: Context,
  { paths, filter, plans }: Group,
  input: InputOptions,
  quiet: boolean,
  notes: Note[],
  out: Measurement[],
  copy: StreamCopy | undefined,
): Promise<void> {
  const { io } = ctx;
  try {
    const stdin = !paths?.includes('-') ? Readable.from([]) : (copy?.open() ?? io.stdin);
    const inputs = await resolveInputs(paths, io.cwd, stdin, { recursive: input.recursive });
    const onRow = (row: TradeRow) => {
      for (const p of plans) {
        p.acc.add(row);
        if (p.yearAcc && row.year === p.rule.year) p.yearAcc.add(row);
      }
    };
    const report = await readRows(ctx, inputs, input.read, filter, onRow, quiet);
    notes.push(...readNotes(report));
    for (const p of plans) {
      try {
        // A rows rule counts the rows of its year alone; a year without any falls through to the full
        // accumulator, whose error says which years have data.
        const acc = p.yearAcc?.yearsWithData().length ? p.yearAcc : p.acc;
        const result = acc.result(report);
        if (p.yearAcc && acc !== p.yearAcc) throw new KorusError(`no rows for ${p.rule.year}`);
        notes.push(...result.notes.filter((n) => n.level === 'warning'));
        out[p.index] = { result, partnerCode: p.partnerCode };
      } catch (err) {
        out[p.index] = failed(err);
      }
    }
  } catch (err) {
    for (const p of plans) out[p.index] = failed(err);
  }
}

/**
 * A user error becomes the rule's reason for failing; anything else stops the run: a bug, or data that
 * could not be read (exit 2, as in every command: a failed check must mean the data says no).
 */
function failed(err: unknown): Measurement {
  if (!(err instanceof KorusError) || (err instanceof InputError && err.code === 'unreadable')) throw err;
  return { error: err.message, hint: err.hint };
}

/** A path from the rules file's folder, as the current directory sees it (names in messages stay short). */
function fromDir(cwd: string, dir: string, path: string): string {
  if (isAbsolute(path)) return path;
  const rel = relative(cwd, resolve(dir, path));
  return rel.startsWith('..') ? resolve(dir, path) : rel || '.';
}

/** The rules file as GitHub wants it in an annotation: relative to the workspace, with forward slashes. */
export function workspacePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
}
