import { type Command, InvalidArgumentError, Option } from 'commander';
import { distance } from 'fastest-levenshtein';
import type { CategoryDef } from '../catalog/categories.js';
import { lookupPartner, type Partner } from '../catalog/partners.js';
import { ENCODINGS, type Encoding } from '../data/decode.js';
import { parseColumnOverrides, SETTABLE, UNITS } from '../data/file-plan.js';
import type { InputSource } from '../data/inputs.js';
import { DEFAULT_MISSING_MARKERS, type NumberFormat } from '../data/numbers.js';
import {
  checkDimensions,
  FLOWS,
  newReport,
  PARSERS,
  type ParserChoice,
  type ReadOptions,
  type ReadReport,
  type RowFilter,
  readTrade,
  type TradeRow,
} from '../data/trade-rows.js';
import { KorusError, UsageError } from '../errors.js';
import type { Note } from '../model/notes.js';
import { chalkFor } from '../output/color.js';
import { noteText } from '../output/notes.js';
import { startProgress, totalSize } from '../output/progress.js';
import { FORMATS, type Format, UNIT_STYLES, type UnitStyle } from '../output/render.js';
import { type Field, PROFILE_NAMES, type ProfileName } from '../sources/types.js';
import type { Context } from './context.js';

/** Flags shared by every command that reads data (defined once, like csvkit's common parser). */
export interface InputFlags {
  data?: string[];
  columns?: Partial<Record<Field, string>>;
  unit?: string;
  delimiter?: string;
  encoding?: Encoding;
  measure?: string;
  dedupe?: boolean;
  missing?: string[];
  thousands?: NumberFormat['thousands'];
  decimal: NumberFormat['decimal'];
  categories?: string;
  parser?: ParserChoice;
  layout?: ProfileName | 'auto';
  set?: Partial<Record<Field, string>>;
  skipLines?: number;
  hsLevel?: number;
}

/** Flags shared by every command that prints a result. */
export interface OutputFlags {
  format?: Format | 'svg';
  json?: boolean;
  units: UnitStyle;
  ascii?: boolean;
  color: boolean;
  quiet?: boolean;
}

/** Adds the input flags to a command. */
export function addInputFlags(cmd: Command): Command {
  return cmd
    .option(
      '-d, --data <path...>',
      'CSV files, folders of .csv/.csv.gz, or - for stdin (default: the bundled data/)',
    )
    .option(
      '--columns <field=header,...>',
      'name the columns: value=GEN_VAL_YR,partner=CTY_NAME',
      parseColumnOverrides,
    )
    .addOption(
      new Option(
        '--unit <unit>',
        'unit of the value column (default: from its name, e.g. value_usd_million)',
      ).choices(Object.keys(UNITS)),
    )
    .option(
      '--delimiter <char>',
      'field delimiter: , ; | or tab (default: ",", or tab for a file whose header has tabs and no commas)',
      parseDelimiter,
    )
    .addOption(
      new Option(
        '--encoding <name>',
        "text encoding (default: UTF-8, checked strictly; a source's own encoding when its bytes are not UTF-8; UTF-16 from its BOM)",
      ).choices(ENCODINGS),
    )
    .option(
      '--measure <column>',
      'the value column to read when a file has several (Census AIR_VAL_YR or CNT_VAL_YR, a DataWeb sheet)',
    )
    .option(
      '--dedupe',
      'count rows that repeat an earlier row exactly once (default: every row, with a warning)',
    )
    .option(
      '--missing <markers>',
      `value cells that mean "no figure", comma-separated (default: ${DEFAULT_MISSING_MARKERS.map((m) => m || '""').join(' ')})`,
      parseMarkers,
    )
    .addOption(
      new Option('--thousands <char>', 'thousands separator used in values').choices([',', '.', ' ', "'"]),
    )
    .addOption(new Option('--decimal <char>', 'decimal mark used in values').choices(['.', ',']).default('.'))
    .option('--categories <file>', 'JSON file of extra category definitions (see `korus-stats categories`)')
    .addOption(
      new Option(
        '--parser <parser>',
        'CSV parser: the byte scanner (fast), csv-parse (the reference), or auto (default; also KORUS_PARSER)',
      ).choices(PARSERS),
    )
    .addOption(
      new Option(
        '--layout <layout>',
        'read files as this source profile (default: detected from each header; see docs/sources/)',
      ).choices(['auto', ...PROFILE_NAMES]),
    )
    .option(
      '--set <field=value>',
      'a value for a field the files lack, on every row (repeatable): --set category=apparel',
      collectSet,
    )
    .option(
      '--skip-lines <n>',
      'pass over N title lines above the header (listed in a warning)',
      parsePositiveInt,
    )
    .option(
      '--hs-level <digits>',
      'use only HS codes of 2, 4, 6, 8 or 10 digits, when a file holds several levels',
      parseHsLevel,
    );
}

/** Adds the flags that pick which rows an analysis is about: flow, reporter, source. */
export function addSelectionFlags(cmd: Command): Command {
  return cmd
    .addOption(new Option('--flow <flow>', 'trade flow').choices(FLOWS).default('imports'))
    .option('--reporter <country>', 'reporting country, when the data holds several')
    .option('--source <name>', 'use only rows whose source column is this, when the data mixes sources');
}

/** Adds the output flags to a command. */
export function addOutputFlags(cmd: Command, extra: { svg?: boolean } = {}): Command {
  return cmd
    .addOption(
      new Option(
        '-f, --format <format>',
        `output format${extra.svg ? ' (svg: a standalone chart)' : ''}`,
      ).choices(extra.svg ? [...FORMATS, 'svg'] : FORMATS),
    )
    .option('--json', 'same as --format json')
    .addOption(
      new Option('--units <style>', 'values in tables: human (US$251m) or millions (45,221)')
        .choices(UNIT_STYLES)
        .default('human'),
    )
    .option('--ascii', 'plain ASCII bars and sparklines instead of Unicode blocks')
    .option('--no-color', 'no colors (also: NO_COLOR=1)')
    .option('-q, --quiet', 'no notes or warnings on stderr');
}

/** The reader options the input flags describe. */
export function readOptions(flags: InputFlags, env: NodeJS.ProcessEnv = {}): ReadOptions {
  const fromEnv = env.KORUS_PARSER;
  if (fromEnv !== undefined && !PARSERS.includes(fromEnv as ParserChoice)) {
    throw new UsageError(`KORUS_PARSER=${fromEnv} is not one of ${PARSERS.join(', ')}`);
  }
  if (flags.thousands && flags.thousands === flags.decimal) {
    throw new UsageError(`--thousands and --decimal cannot both be "${flags.decimal}"`);
  }
  const delimiter = flags.delimiter ?? ',';
  if (delimiter === flags.decimal && delimiter === ',') {
    throw new UsageError('--decimal , needs another --delimiter (usually ;)');
  }
  return {
    dialect: { delimiter, encoding: flags.encoding ?? 'utf8' },
    delimiterGiven: flags.delimiter !== undefined,
    encodingGiven: flags.encoding !== undefined,
    measure: flags.measure,
    numbers: { decimal: flags.decimal, thousands: flags.thousands },
    missing: flags.missing ?? DEFAULT_MISSING_MARKERS,
    columns: flags.columns,
    unit: flags.unit,
    parser: flags.parser ?? (fromEnv as ParserChoice | undefined) ?? 'auto',
    layout: flags.layout,
    set: flags.set,
    skipLines: flags.skipLines,
    hsLevel: flags.hsLevel,
  };
}

/** The output format the flags ask for. */
export function outputFormat(flags: OutputFlags): Format | 'svg' {
  if (flags.json && flags.format && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} contradict each other`);
  }
  return flags.json ? 'json' : (flags.format ?? 'table');
}

/** Prints notes to stderr ("korus-stats: warning: ..."), unless --quiet. */
export function printNotes(ctx: Context, notes: Note[], flags: OutputFlags): void {
  if (flags.quiet) return;
  const c = chalkFor(ctx.io.stderr, ctx.io.env, flags.color);
  for (const n of notes) {
    const tag = n.level === 'warning' ? c.yellow('warning') : c.dim('note');
    ctx.io.stderr.write(`korus-stats: ${tag}: ${noteText(n)}\n`);
  }
}

/** Parses a year flag: four digits. */
export function parseYearFlag(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError('expected a four-digit year, e.g. 2016.');
  return Number(text);
}

/** Parses a positive whole number. */
export function parsePositiveInt(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(text);
}

function parseDelimiter(text: string): string {
  const d = text === 'tab' || text === '\\t' ? '\t' : text;
  if ([...d].length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new InvalidArgumentError('expected one character, such as , ; | or tab.');
  }
  return d;
}

function collectSet(
  text: string,
  previous: Partial<Record<Field, string>> = {},
): Partial<Record<Field, string>> {
  const eq = text.indexOf('=');
  const field = text.slice(0, eq).trim().replace(/-/g, '_') as Field;
  if (eq < 1 || !SETTABLE.includes(field)) {
    throw new InvalidArgumentError(`expected FIELD=VALUE with FIELD one of ${SETTABLE.join(', ')}.`);
  }
  return { ...previous, [field]: text.slice(eq + 1) };
}

function parseHsLevel(text: string): number {
  if (!['2', '4', '6', '8', '10'].includes(text.trim()))
    throw new InvalidArgumentError('expected 2, 4, 6, 8 or 10.');
  return Number(text);
}

function parseMarkers(text: string): string[] {
  return text.split(',').map((m) => m.trim());
}

/** A --partner value as a partner; an aggregate (World, a group, "All other") is a usage error. */
export function partnerArg(text: string): Partner {
  const p = lookupPartner(text);
  if (p.kind === 'world' || p.kind === 'group' || p.kind === 'remainder') {
    throw new UsageError(`--partner "${text}" is an aggregate row (${p.kind}), not a partner`);
  }
  return p;
}

/** The error for a category with no rows: the categories there are, and the nearest name to a typo. */
export function unknownCategory(
  given: string,
  category: CategoryDef,
  catalog: CategoryDef[],
  report: ReadReport,
): KorusError {
  const available = [...new Set([...catalog.map((d) => d.name), ...report.categoriesSeen])].sort();
  const flows = Object.entries(report.otherFlowRows).filter(([, n]) => n > 0);
  if (flows.length) {
    // The category's rows are there, of another flow (a Census exports answer read as imports).
    return new KorusError(
      `no ${category.name} rows of the flow asked for: the data's ${category.name} rows are ${flows.map(([f, n]) => `${f} (${n} row${n === 1 ? '' : 's'})`).join(', ')}`,
      2,
      `ask for ${flows.map(([f]) => `--flow ${f}`).join(' or ')}`,
    );
  }
  if (category.origin !== 'data' && report.otherClassification.size) {
    const [system, n] = [...report.otherClassification][0] as [string, number];
    return new KorusError(
      `category "${category.name}" is defined by HS codes (${category.hs.join(', ')}) and the data's ${n} code${n === 1 ? '' : 's'} are ${system}: HS codes are never matched against ${system} ones`,
      2,
      `define the category's ${system} codes in a --categories file ("sitc": [...]), or download the data in HS`,
    );
  }
  if (category.origin !== 'data') {
    const seen = [...report.categoriesSeen].sort();
    return new KorusError(
      `no rows for category "${category.name}" in the data (${report.hsCodedRows ? `${report.hsCodedRows} rows with HS codes, none under ${category.hs.join(', ')}` : 'no rows carry it in a category column or match its HS codes'})`,
      2,
      seen.length ? `categories in the data: ${seen.join(', ')}` : undefined,
    );
  }
  const near = available.map((n) => ({ n, d: distance(n, category.name) })).sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= Math.max(2, category.name.length / 3) ? `did you mean "${near.n}"? ` : '';
  return new UsageError(`unknown category "${given}"`, `${hint}categories: ${available.join(', ')}`);
}

/**
 * Reads the inputs, handing each wanted row to `onRow`, with a progress line on a terminal (not with
 * --quiet); then refuses hidden dimensions without their totals. The one read every analysis makes.
 */
export async function readInputs(
  ctx: Context,
  inputs: InputSource[],
  options: ReadOptions,
  filter: RowFilter,
  onRow: (row: TradeRow) => void,
  quiet?: boolean,
): Promise<ReadReport> {
  const report = newReport();
  const progress = quiet ? undefined : startProgress(ctx.io.stderr, totalSize(inputs));
  try {
    await readTrade(inputs, { ...options, onProgress: progress?.update }, report, onRow, filter);
  } finally {
    progress?.stop();
  }
  checkDimensions(report);
  return report;
}
