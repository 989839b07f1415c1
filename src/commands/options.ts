import { type Command, Option } from 'commander';
import { FLOWS, type Flow } from '../catalog/flows.js';
import { parseColumnOverrides } from '../data/column-overrides.js';
import { ENCODINGS, type Encoding } from '../data/decode.js';
import { DEFAULT_MISSING_MARKERS, type NumberFormat } from '../data/numbers.js';
import { PARSERS, type ParserChoice, type ReadOptions } from '../data/read-options.js';
import { UNITS } from '../data/units.js';
import { UsageError } from '../errors.js';
import { type Format, UNIT_STYLES, type UnitStyle } from '../output/formats.js';
import { type Field, PROFILE_NAMES, type ProfileName } from '../sources/types.js';
import { GROUPS } from './command.js';
import {
  collectSet,
  MAX_THREADS,
  parseDelimiter,
  parseHsLevel,
  parseMarkers,
  parsePositiveInt,
  parseThreads,
} from './values.js';

// The flag groups every command spells the same way (as csvkit's common parser), each with the typed
// options it parses into: input flags -> InputOptions, selection flags -> Scope, output flags -> OutputOptions.

/** Flags shared by every command that reads data, as commander hands them over. */
export interface InputFlags {
  data?: string[];
  recursive?: boolean;
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
  threads?: number;
}

/** Where and how to read: the input flags, parsed. */
export interface InputOptions {
  /** Files, folders, patterns or - (default: the bundled data/). */
  data?: string[];
  /** Read the sub-folders of --data folders too (hidden ones aside). */
  recursive?: boolean;
  read: ReadOptions;
  /** A JSON file of extra category definitions. */
  categories?: string;
  /** Count a row that repeats an earlier one exactly once. */
  dedupe?: boolean;
}

/** Adds the input flags to a command, under Input in its help. */
export function addInputFlags(cmd: Command): Command {
  return cmd
    .optionsGroup(GROUPS.input)
    .option(
      '-d, --data <path...>',
      "files, folders (their .csv, .json, .xlsx), quoted patterns ('dir/**/*.csv'), or - for stdin (default: the bundled data/)",
    )
    .option('-r, --recursive', 'read the sub-folders of --data folders too (not hidden ones)')
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
    )
    .option(
      '--threads <n>',
      'threads reading a CSV file: 1 reads on one thread, 2 gives it a scanning thread (default for files of 32 MiB or more, 8 MiB gzipped, on 2 cores or more), 3 or more read a plain UTF-8 file in byte ranges on that many threads (also KORUS_THREADS)',
      parseThreads,
    );
}

/** KORUS_THREADS, as --threads takes it. */
function envThreads(text: string): number {
  try {
    return parseThreads(text);
  } catch {
    throw new UsageError(`KORUS_THREADS=${text} is not a number of threads from 1 to ${MAX_THREADS}`);
  }
}

/** The input options the input flags describe (KORUS_PARSER and KORUS_THREADS from `env` when their flags are not given). */
export function inputOptions(flags: InputFlags, env: NodeJS.ProcessEnv = {}): InputOptions {
  const fromEnv = env.KORUS_PARSER;
  if (fromEnv !== undefined && !PARSERS.includes(fromEnv as ParserChoice)) {
    throw new UsageError(`KORUS_PARSER=${fromEnv} is not one of ${PARSERS.join(', ')}`);
  }
  if (flags.thousands && flags.thousands === flags.decimal) {
    throw new UsageError(`--thousands and --decimal cannot both be "${flags.decimal}"`);
  }
  const threadsEnv = env.KORUS_THREADS;
  if (threadsEnv !== undefined) envThreads(threadsEnv);
  // Bytes per range of a file read in ranges: tests cut files small to read every one in many ranges.
  const rangeEnv = env.KORUS_RANGE_BYTES;
  if (rangeEnv !== undefined && !/^[1-9]\d*$/.test(rangeEnv)) {
    throw new UsageError(`KORUS_RANGE_BYTES=${rangeEnv} is not a number of bytes`);
  }
  const delimiter = flags.delimiter ?? ',';
  if (delimiter === flags.decimal && delimiter === ',') {
    throw new UsageError('--decimal , needs another --delimiter (usually ;)');
  }
  const read: ReadOptions = {
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
    threads: flags.threads ?? (threadsEnv === undefined ? undefined : Number(threadsEnv)),
    rangeBytes: rangeEnv === undefined ? undefined : Number(rangeEnv),
  };
  return {
    data: flags.data,
    recursive: flags.recursive,
    read,
    categories: flags.categories,
    dedupe: flags.dedupe,
  };
}

/** Flags that pick which rows an analysis is about. */
export interface SelectionFlags {
  flow: Flow;
  reporter?: string;
  source?: string;
}

/** Which rows an analysis is about, besides their category: the selection flags, parsed. */
export interface Scope {
  flow: Flow;
  /** The reporter's code (an ISO code for a country). */
  reporter?: string;
  source?: string;
}

/** Adds the flags that pick which rows an analysis is about: flow, reporter, source (under Question). */
export function addSelectionFlags(cmd: Command): Command {
  return cmd
    .optionsGroup(GROUPS.question)
    .addOption(new Option('--flow <flow>', 'trade flow').choices(FLOWS).default('imports'))
    .option('--reporter <country>', 'reporting country, when the data holds several')
    .option('--source <name>', 'use only rows whose source column is this, when the data mixes sources');
}

/** Flags shared by every command that prints a result, as commander hands them over. */
export interface OutputFlags {
  format?: Format;
  json?: boolean;
  units?: UnitStyle;
  ascii?: boolean;
  color: boolean;
  quiet?: boolean;
  csvRaw?: boolean;
  output?: string;
}

/** How to answer: the output flags, parsed. */
export interface OutputOptions {
  format: Format;
  units: UnitStyle;
  ascii: boolean;
  color: boolean;
  quiet: boolean;
  /** CSV cells as they are, without the guard against spreadsheet formulas. */
  csvRaw: boolean;
}

/** What a command prints, which decides its output flags. */
export interface OutputSpec {
  /** The formats its result offers: the choices of --format. */
  formats: readonly Format[];
  /** The format without --format or --json, when not table (shown in help as the default). */
  default?: Format;
  /** What --format picks, in its help ("output format"). */
  noun?: string;
  /** A table of values: --units, and --ascii unless `bars` is false. */
  tables?: boolean;
  /** Its table draws bars or sparklines (default true for a table): --ascii. */
  bars?: boolean;
  /** Notes and warnings on stderr: --quiet. */
  notes?: boolean;
  /** The help of --no-color. */
  noColor?: string;
}

/** Adds the output flags to a command, under Output in its help (with --help itself). */
export function addOutputFlags(cmd: Command, spec: OutputSpec): Command {
  const svg = spec.formats.includes('svg') ? ' (svg: a standalone chart)' : '';
  const format = new Option('-f, --format <format>', `${spec.noun ?? 'output format'}${svg}`).choices(
    spec.formats,
  );
  cmd
    .optionsGroup(GROUPS.output)
    .addOption(spec.default ? format.default(spec.default) : format)
    .option('--json', 'same as --format json')
    .option(
      '-o, --output <file>',
      'write the answer to FILE instead of standard output: in place once complete, never half written (notes stay on stderr)',
    );
  if (spec.tables) {
    cmd.addOption(
      new Option('--units <style>', 'values in tables: human (US$251m) or millions (45,221)')
        .choices(UNIT_STYLES)
        .default('human'),
    );
    if (spec.bars !== false)
      cmd.option('--ascii', 'plain ASCII bars and sparklines instead of Unicode blocks');
  }
  if (spec.formats.includes('csv')) {
    cmd.option(
      '--csv-raw',
      "CSV cells as they are (default: a text cell starting with = + - @ tab or CR gets a leading ', so no spreadsheet runs it as a formula)",
    );
  }
  cmd.option('--no-color', spec.noColor ?? 'no colors (also: NO_COLOR=1)');
  if (spec.notes) cmd.option('-q, --quiet', 'no notes or warnings on stderr');
  return cmd.helpOption('-h, --help', 'display help for command');
}

/**
 * The output options the output flags describe. --json is --format json, so it contradicts any other
 * --format; the command's default (which commander fills in when --format is not given) is no contradiction.
 */
export function outputOptions(flags: OutputFlags, spec: Pick<OutputSpec, 'default'> = {}): OutputOptions {
  // validate's `text` is its default `table` by its older name: no contradiction with --json either.
  const byDefault = flags.format === spec.default || (spec.default === 'table' && flags.format === 'text');
  const given = byDefault ? undefined : flags.format;
  if (flags.json && given && given !== 'json') {
    throw new UsageError(`--json and --format ${given} contradict each other`);
  }
  return {
    format: flags.json ? 'json' : (flags.format ?? 'table'),
    units: flags.units ?? 'human',
    ascii: flags.ascii === true,
    color: flags.color,
    quiet: flags.quiet === true,
    csvRaw: flags.csvRaw === true,
  };
}
