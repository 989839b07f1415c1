import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { type CategoryDef, resolveCategory } from '../catalog/categories.js';
import type { Flow } from '../catalog/flows.js';
import { lookupPartner, reporterCode } from '../catalog/partners.js';
import { balanceByPartner, commonYear } from '../core/balance/index.js';
import { balanceNotes, type Measurement } from '../core/check.js';
import { ShareAccumulator, type ShareQuery } from '../core/share/index.js';
import { readConfigText } from '../data/config-json.js';
import { readNotes } from '../data/read-notes.js';
import { resolveInputs } from '../data/resolve-inputs.js';
import { RULES_FILE } from '../data/rules-file.js';
import { copyToTemp, type StreamCopy } from '../data/stdin-copy.js';
import { InputError, KorusError } from '../errors.js';
import type { CheckRule, RulesFile } from '../model/check-rules.js';
import type { Note } from '../model/notes.js';
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import type { Context } from './context.js';
import type { InputOptions } from './options.js';
import { readRows, rowFilter } from './pipeline.js';
import { DEFAULT_RULES_FILE } from './specs.js';

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

/** One accumulator of a rule, in the group whose read fills it; a rows rule adds one for its year only. */
interface Plan {
  rule: CheckRule;
  acc: ShareAccumulator;
  yearAcc?: ShareAccumulator;
  group: Group;
}

/** The rules over the same data and filter: they share one read, whose report (or failure) it keeps. */
interface Group {
  paths: string[] | undefined;
  filter: RowFilter;
  plans: Plan[];
  report?: ReadReport;
  failure?: Failed;
}

/** A measurement that failed: its reason in the rule's result. */
type Failed = Extract<Measurement, { error: string }>;

/** A rule and its plans: one, or (a balance rule) one per flow, exports first. */
interface Planned {
  rule: CheckRule;
  category: CategoryDef;
  partnerCode?: string;
  plans: Plan[];
}

/**
 * Measures every rule with the share pipeline: rules over the same data and filter share one read, each
 * with its own ShareAccumulator, as `share` would compute them one by one; a balance rule has one in its
 * exports group and one in its imports group, joined as `balance` joins them. The reader's notes and the
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
  const groups = new Map<string, Group>();
  const planned = rules.rules.map((rule): Planned => {
    const category = resolveCategory(rule.category, catalog);
    const partner = rule.partner === undefined ? undefined : lookupPartner(rule.partner);
    // Paths in the file are relative to the file; --data (relative to the current directory) replaces the
    // file's default data, not a rule's own.
    const paths = rule.data
      ? rule.data.map((p) => fromDir(io.cwd, rulesDir, p))
      : (input.data ?? rules.data?.map((p) => fromDir(io.cwd, rulesDir, p)));
    // A partner-present rule reads all partners' rows and looks for its partner among them; so does a
    // balance rule, whose partner may be listed in one flow only (`balance` then shows no balance for it).
    const shared =
      rule.type === 'share' || rule.type === 'change' || rule.type === 'value' ? partner : undefined;
    // A balance rule (no flow of its own) reads each flow on its own, as `balance` does: the reader's flow
    // filter gives a directional file's reporter and partner the right way round for each.
    const flows: Flow[] = rule.flow === null ? ['exports', 'imports'] : [rule.flow];
    const plans = flows.map((flow): Plan => {
      const scope = {
        flow,
        reporter: rule.reporter ? reporterCode(rule.reporter) : undefined,
        source: rule.source,
      };
      const query: ShareQuery = {
        category,
        year: rule.year,
        ...scope,
        partner: shared,
        dedupe: input.dedupe,
      };
      const filter = rowFilter(scope, category);
      const key = JSON.stringify([paths ?? null, category.name, filter.flow, filter.reporter, filter.source]);
      let group = groups.get(key);
      if (!group) {
        group = { paths, filter, plans: [] };
        groups.set(key, group);
      }
      const yearAcc = rule.type === 'rows' ? new ShareAccumulator(query) : undefined;
      const plan: Plan = { rule, acc: new ShareAccumulator(query), yearAcc, group };
      group.plans.push(plan);
      return plan;
    });
    return { rule, category, partnerCode: partner?.code, plans };
  });
  // Rules over other categories or scopes read stdin again: it streams to a temporary file for them, so
  // memory stays independent of its size (a single read takes it as it comes, like share's).
  const stdinReads = [...groups.values()].filter((g) => g.paths?.includes('-')).length;
  const copy = stdinReads > 1 ? await copyToTemp(io.stdin) : undefined;
  try {
    for (const group of groups.values()) await readGroup(ctx, group, input, quiet, notes, copy);
  } finally {
    await copy?.remove();
  }
  return planned.map((p) => {
    // A read that failed is the reason of every rule it was for.
    const unread = p.plans.find((x) => x.group.failure)?.group.failure;
    if (unread) return unread;
    try {
      return p.rule.flow === null ? balanceOf(p, notes) : shareOf(p, notes);
    } catch (err) {
      return failed(err);
    }
  });
}

/** Reads one group's data once, filling the accumulators of its rules; keeps the report or the failure. */
async function readGroup(
  ctx: Context,
  group: Group,
  input: InputOptions,
  quiet: boolean,
  notes: Note[],
  copy: StreamCopy | undefined,
): Promise<void> {
  const { io } = ctx;
  const { paths, filter, plans } = group;
  try {
    const stdin = !paths?.includes('-') ? Readable.from([]) : (copy?.open() ?? io.stdin);
    const inputs = await resolveInputs(paths, io.cwd, stdin, { recursive: input.recursive });
    const onRow = (row: TradeRow) => {
      for (const p of plans) {
        p.acc.add(row);
        if (p.yearAcc && row.year === p.rule.year) p.yearAcc.add(row);
      }
    };
    group.report = await readRows(ctx, inputs, input.read, filter, onRow, quiet);
    notes.push(...readNotes(group.report));
  } catch (err) {
    group.failure = failed(err);
  }
}

/** The report of a plan's read (a rule is measured after its reads, and not when one failed). */
function reportOf(p: Plan): ReadReport {
  if (!p.group.report) throw new Error(`rule ${p.rule.name} measured before its read`);
  return p.group.report;
}

/** A rule of one flow: its share result, as `share` computes it. */
function shareOf({ plans: [p], partnerCode }: Planned, notes: Note[]): Measurement {
  if (!p) throw new Error('a rule without a plan');
  const report = reportOf(p);
  // A rows rule counts the rows of its year alone; a year without any falls through to the full
  // accumulator, whose error says which years have data.
  const acc = p.yearAcc?.yearsWithData().length ? p.yearAcc : p.acc;
  const result = acc.result(report);
  if (p.yearAcc && acc !== p.yearAcc) throw new KorusError(`no rows for ${p.rule.year}`);
  notes.push(...result.notes.filter((n) => n.level === 'warning'));
  return { result, partnerCode };
}

/**
 * A balance rule: both flows' share results for its year (default the latest with both, as `balance`
 * chooses), joined by `balance`'s own balanceByPartner.
 */
function balanceOf({ rule, category, partnerCode, plans: [x, m] }: Planned, notes: Note[]): Measurement {
  if (!x || !m || partnerCode === undefined) throw new Error(`balance rule ${rule.name} without its plans`);
  const xReport = reportOf(x);
  const mReport = reportOf(m);
  // The latest year with both flows, as `balance` takes by default; with no year in either, the share
  // result says what the data holds.
  const [xYears, mYears] = [x.acc.yearsWithData(), m.acc.yearsWithData()];
  const year =
    rule.year ?? (xYears.length || mYears.length ? commonYear(xYears, mYears, category.name) : undefined);
  const balance = balanceByPartner(x.acc.result(xReport, year), m.acc.result(mReport, year), partnerCode);
  notes.push(...balanceNotes(balance).filter((n) => n.level === 'warning'));
  return { balance, partnerCode };
}

/**
 * A user error becomes the rule's reason for failing; anything else stops the run: a bug, or data that
 * could not be read (exit 2, as in every command: a failed check must mean the data says no).
 */
function failed(err: unknown): Failed {
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
