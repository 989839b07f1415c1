import { Command, CommanderError } from 'commander';
import * as balance from './commands/balance.js';
import * as breakdown from './commands/breakdown.js';
import * as categories from './commands/categories.js';
import * as check from './commands/check.js';
import { type CommandHelp, describe } from './commands/command.js';
import * as completion from './commands/completion.js';
import type { Context } from './commands/context.js';
import * as share from './commands/share.js';
import * as trend from './commands/trend.js';
import * as validate from './commands/validate.js';
import { KorusError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { guardLines, safeMessage } from './output/safe.js';
import { announcedStdin } from './output/stdin-wait.js';
import { VERSION } from './version.js';

/** The commands, in help order: each registers itself (flags, help text, action). */
const COMMANDS = [share, trend, breakdown, balance, validate, check, categories, completion];

const HELP: CommandHelp = {
  summary: 'trade shares and balances from trade CSVs',
  description:
    'Trade shares and balances from trade CSVs by partner and product category, with the category definition, value basis and denominator stated beside every figure.',
  examples: `
  $ korus-stats share --category apparel --year 2016 --partner KR
  $ korus-stats share --category textiles-and-apparel --year 2016 --top 5 --json
  $ korus-stats trend --category textiles-and-apparel --partner CN --from 2012 --to 2016
  $ korus-stats breakdown --partner CN --year 2016
  $ korus-stats balance --partner KR --year 2017 --by category
  $ korus-stats validate data/ --format github
  $ korus-stats check
  $ korus-stats categories`,
  notes: 'Exit codes: 0 success; 1 a check failed; 2 could not run (usage, unreadable or malformed input).',
};

/** At most this many lines under an error (the problems of a rules file); the rest are counted. */
const MAX_DETAILS = 20;

/** Commander's message (it may quote the arguments given): each of its lines escaped and capped. */
function commanderLines(s: string): string {
  const end = s.endsWith('\n') ? '\n' : '';
  return `${s
    .slice(0, s.length - end.length)
    .split('\n')
    .map((line) => guardLines(safeMessage(line)))
    .join('\n')}${end}`;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never exits the process. */
export async function main(argv: string[], io: Io): Promise<number> {
  // Nothing read yet: a command that reads a terminal's standard input says so when it starts to.
  const ctx: Context = { io: { ...io, stdin: announcedStdin(io.stdin, io.stderr) }, exitCode: 0 };
  // Colour (chalk) is loaded only to say an error: --version and --help do without it. Commander says its
  // usage errors synchronously, so what it writes from its error on is held and written once coloured.
  const errColor = async () =>
    (await import('./output/color.js')).chalkFor(io.stderr, io.env, !argv.includes('--no-color'));
  // Commander's error message, and what it writes after it (the help hint), until both can be written.
  let heldError: string | undefined;
  const heldAfter: string[] = [];
  const program = describe(new Command('korus-stats'), HELP)
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => (heldError === undefined ? io.stderr.write(s) : heldAfter.push(s)),
      outputError: (s) => {
        heldError = commanderLines(s.replace(/^error: /, ''));
      },
    })
    .showHelpAfterError('(run with --help for usage and examples)');
  for (const command of COMMANDS) command.register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (heldError !== undefined) {
        const c = await errColor();
        io.stderr.write(`korus-stats: ${c.red('error')}: ${heldError}`);
        for (const s of heldAfter) io.stderr.write(s);
      }
      // --help and --version exit 0; commander's usage errors (exit 1 by default) are usage errors: 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof KorusError) {
      const c = await errColor();
      // The one place errors meet the terminal: data in them (names, values, file names) shown escaped and capped.
      io.stderr.write(`korus-stats: ${c.red('error')}: ${safeMessage(err.message)}\n`);
      for (const line of err.details.slice(0, MAX_DETAILS))
        io.stderr.write(`${guardLines(safeMessage(line))}\n`);
      if (err.details.length > MAX_DETAILS)
        io.stderr.write(`  ... and ${err.details.length - MAX_DETAILS} more\n`);
      if (err.hint) io.stderr.write(`  ${c.dim('hint:')} ${safeMessage(err.hint)}\n`);
      if (err instanceof UsageError) io.stderr.write('(run with --help for usage and examples)\n');
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr.write(`korus-stats: internal error: ${safeMessage(e?.message ?? String(err))}\n`);
    io.stderr.write('This is a bug in korus-stats; please report it with the command you ran.\n');
    if (io.env.KORUS_DEBUG) io.stderr.write(`${e?.stack}\n`);
    return 2;
  }
}
