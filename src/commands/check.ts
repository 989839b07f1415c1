import { appendFile, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { type Command, Option } from 'commander';
import { type CategoryDef, resolveCategory } from '../catalog/categories.js';
import { lookupPartner, reporterCode } from '../catalog/partners.js';
import {
  type CheckRule,
  evaluateRules,
  type Measurement,
  parseRules,
  type RulesFile,
} from '../core/check.js';
import { ShareAccumulator, type ShareQuery } from '../core/share.js';
import { loadCategories } from '../data/category-file.js';
import { resolveInputs } from '../data/inputs.js';
import { type RowFilter, readNotes } from '../data/trade-rows.js';
import { InputError, KorusError, UsageError } from '../errors.js';
import type { Note } from '../model/notes.js';
import { CHECK_FORMATS, type CheckFormat, checkMarkdown, renderCheck } from '../output/check.js';
import { chalkFor } from '../output/color.js';
import { noteText } from '../output/notes.js';
import { addInputFlags, type InputFlags, printNotes, readInputs, readOptions } from './common.js';
import type { Context } from './context.js';

/** The rules file read when none is named, in the current directory. */
export const DEFAULT_RULES_FILE = 'korus-stats.checks.json';

/** Flags of `check`, as commander hands them over. */
export interface CheckFlags extends InputFlags {
  format?: CheckFormat;
  json?: boolean;
  color: boolean;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  # the rules in ./korus-stats.checks.json, against the data they name (default: the bundled data/)
  $ korus-stats check

  # another rules file; the same rules against new data
  $ korus-stats check ci/figures.checks.json
  $ korus-stats check --data downloads/otexa-2024.csv

  # in GitHub Actions: an error annotation on each failed rule's line, and a job summary
  $ korus-stats check --format github

  # JUnit XML for GitLab, Jenkins or CircleCI; JSON for scripts (shape: schemas/check-output.schema.json)
  $ korus-stats check --format junit > check-results.xml
  $ korus-stats check --json | jq '.results[] | select(.status == "fail")'

A rules file (schema: schemas/checks.schema.json) lists named expectations, measured as \`share\` measures:
  {"rules": [{"name": "Korea under 1% of 2016 apparel", "type": "share", "category": "apparel",
              "year": 2016, "partner": "KR", "max": 0.01}]}
Types: share (min/max as fractions: 0.01 is 1%), total (US dollars), partner-present, rows (min rows read
for the year), change (year-on-year, a fraction). Exit 0 when every rule passes, 1 when one fails or cannot
be measured, 2 when the rules file is missing or invalid.
`;

/** Registers `check` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = program
    .command('check')
    .summary('check named expectations (shares, totals, rows, changes) from a rules file')
    .description(
      `Checks the expectations in a rules file (default ${DEFAULT_RULES_FILE}) against the data: a partner's share, a category's total, a partner's presence, the rows of a year, a year-on-year change. Prints each rule's measured value, its bounds and pass or fail; exits 1 when any rule fails.`,
    )
    .argument('[rules-file]', `JSON rules file (default: ${DEFAULT_RULES_FILE})`)
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS))
    .option('--json', 'same as --format json')
    .option('--no-color', 'no colors (also: NO_COLOR=1)')
    .option('-q, --quiet', 'no notes or warnings on stderr');
  addInputFlags(cmd);
  cmd.addHelpText('after', EXAMPLES);
  cmd.action(async (file: string | undefined, flags: CheckFlags) => {
    ctx.exitCode = await runCheck(file, flags, ctx);
  });
}

/** Runs `check`: reads the rules, measures each with the share pipeline, renders; returns the exit code. */
export async function runCheck(file: string | undefined, flags: CheckFlags, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = checkFormat(flags);
  const options = readOptions(flags, io.env);
  const shown = file ?? DEFAULT_RULES_FILE;
  const path = resolve(io.cwd, shown);
  const rules = parseRules(await readRules(path, shown, file === undefined), shown);
  const catalog = await loadCategories(flags.categories);
  const notes: Note[] = [];
  const measurements = await measure(rules, dirname(path), flags, ctx, catalog, options, notes);
  const report = evaluateRules(rules, measurements);
  printNotes(ctx, dedupe(notes), { color: flags.color, quiet: flags.quiet, units: 'human' });
  const annotationFile = workspacePath(io.cwd, path);
  io.stdout.write(renderCheck(report, format, chalkFor(io.stdout, io.env, flags.color), { annotationFile }));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summary) {
    try {
      await appendFile(resolve(io.cwd, summary), `${checkMarkdown(report)}\n`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      io.stderr.write(`korus-stats: warning: cannot append to $GITHUB_STEP_SUMMARY (${summary}): ${code}\n`);
    }
  }
  return report.failed === 0 ? 0 : 1;
}

/** The output format the flags ask for. */
function checkFormat(flags: CheckFlags): CheckFormat {
  if (flags.json && flags.format && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} contradict each other`);
  }
  return flags.json ? 'json' : (flags.format ?? 'table');
}

async function readRules(path: string, shown: string, isDefault: boolean): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
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

/**
 * Measures every rule with the share pipeline: rules over the same data and filter share one read, each
 * with its own ShareAccumulator, as `share` would compute them one by one.
 */
async function measure(
  rules: RulesFile,
  rulesDir: string,
  flags: CheckFlags,
  ctx: Context,
  catalog: CategoryDef[],
  options: ReturnType<typeof readOptions>,
  notes: Note[],
): Promise<Measurement[]> {
  const { io } = ctx;
  const out: Measurement[] = [];
  const groups = new Map<string, { paths: string[] | undefined; filter: RowFilter; plans: Plan[] }>();
  rules.rules.forEach((rule, index) => {
    const category = resolveCategory(rule.category, catalog);
    const partner = rule.partner === undefined ? undefined : lookupPartner(rule.partner);
    const query: ShareQuery = {
      category,
      year: rule.year,
      flow: rule.flow,
      reporter: rule.reporter ? reporterCode(rule.reporter) : undefined,
      source: rule.source,
      // A partner-present rule reads all partners' rows and looks for its partner among them.
      partner: rule.type === 'share' || rule.type === 'change' ? partner : undefined,
    };
    // Paths in the file are relative to the file; --data (relative to the current directory) replaces the
    // file's default data, not a rule's own.
    const paths = rule.data
      ? rule.data.map((p) => fromDir(io.cwd, rulesDir, p))
      : (flags.data ?? rules.data?.map((p) => fromDir(io.cwd, rulesDir, p)));
    const filter: RowFilter = { category, flow: query.flow, reporter: query.reporter, source: query.source };
    const key = JSON.stringify([paths ?? null, category.name, filter.flow, filter.reporter, filter.source]);
    let group = groups.get(key);
    if (!group) {
      group = { paths, filter, plans: [] };
      groups.set(key, group);
    }
    group.plans.push({
      index,
      rule,
      acc: new ShareAccumulator(query),
      yearAcc: rule.type === 'rows' ? new ShareAccumulator(query) : undefined,
      partnerCode: partner?.code,
    });
  });
  let stdin: Buffer | undefined;
  for (const { paths, filter, plans } of groups.values()) {
    try {
      if (paths?.includes('-')) stdin ??= await readAll(io.stdin);
      const inputs = await resolveInputs(paths, io.cwd, Readable.from(stdin ? [stdin] : []));
      const report = await readInputs(
        ctx,
        inputs,
        options,
        filter,
        (row) => {
          for (const p of plans) {
            p.acc.add(row);
            if (p.yearAcc && row.year === p.rule.year) p.yearAcc.add(row);
          }
        },
        flags.quiet,
      );
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
  return out;
}

/** A user error becomes the rule's reason for failing; anything else is a bug and stops the run. */
function failed(err: unknown): Measurement {
  if (!(err instanceof KorusError)) throw err;
  return { error: err.message, hint: err.hint };
}

/** A path from the rules file's folder, as the current directory sees it (names in messages stay short). */
function fromDir(cwd: string, dir: string, path: string): string {
  if (isAbsolute(path)) return path;
  const rel = relative(cwd, resolve(dir, path));
  return rel.startsWith('..') ? resolve(dir, path) : rel || '.';
}

/** The rules file as GitHub wants it in an annotation: relative to the workspace, with forward slashes. */
function workspacePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
}

async function readAll(stream: NodeJS.ReadableStream | Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function dedupe(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => n.level === 'warning' && !seen.has(noteText(n)) && seen.add(noteText(n)));
}
