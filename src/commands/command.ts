import { type Command, Help, Option } from 'commander';
import type { Context } from './context.js';

// Declaring a command: its help (examples first, options in groups) and the action that leaves its exit code.

/** The headings options are grouped under in `--help`, in this order. */
export const GROUPS = { question: 'Question:', input: 'Input:', output: 'Output:' } as const;

/** What `--help` says of a command: its one line, what it does, examples, and notes after the options. */
export interface CommandHelp {
  /** The line in the program's list of commands. */
  summary: string;
  description: string;
  /** Shown right after the usage line: `# what it does` then `$ korus-stats ...` lines. */
  examples: string;
  /** How to read the answer, after the options. */
  notes?: string;
}

/**
 * Adds the command `usage` ("check [rules-file]") to the program with its help; the options added next
 * are under Question, until a flag group (options.ts) starts Input or Output.
 */
export function command(program: Command, usage: string, help: CommandHelp): Command {
  return describe(program.command(usage), help).optionsGroup(GROUPS.question);
}

/**
 * A flag the command cannot run without. Checked just before the action, after commander has looked for
 * unknown flags: a mistyped one (`--categroy`) is named with commander's "did you mean --category?", not
 * reported as the required flag missing.
 */
export function requiredFlag(cmd: Command, flags: string, description: string): Command {
  const option = new Option(flags, description);
  cmd.addOption(option);
  cmd.hook('preAction', (self) => {
    if (self.opts()[option.attributeName()] === undefined) {
      self.error(`error: required option '${option.flags}' not specified`, {
        code: 'commander.missingMandatoryOptionValue',
      });
    }
  });
  return cmd;
}

/** Sets `cmd`'s action: `run` gets commander's arguments and options and returns the exit code. */
export function act<A extends unknown[]>(
  cmd: Command,
  ctx: Context,
  run: (...args: A) => Promise<number>,
): Command {
  return cmd.action(async (...args: unknown[]) => {
    ctx.exitCode = await run(...(args as A));
  });
}

/**
 * Sets `cmd`'s action to the `action` a module exports, loaded only when the command runs: declaring every
 * command (for --help, --version) loads none of their readers, computations or renderers.
 */
export function actLazy(
  cmd: Command,
  ctx: Context,
  load: () => Promise<{ action: (ctx: Context) => (...args: never[]) => Promise<number> }>,
): Command {
  return cmd.action(async (...args: unknown[]) => {
    const { action } = await load();
    const output = (cmd.opts() as { output?: unknown }).output;
    if (typeof output !== 'string') {
      ctx.exitCode = await action(ctx)(...(args as never[]));
      return;
    }
    // --output: the answer goes to a file put in place when the command is done (exit 0 or 1: a report
    // of problems is a whole report), removed when it fails.
    const { openAtomic } = await import('../output/atomic-file.js');
    const file = await openAtomic(output, ctx.io.cwd);
    const local: Context = { io: { ...ctx.io, stdout: file.stream }, exitCode: 0 };
    try {
      ctx.exitCode = await action(local)(...(args as never[]));
    } catch (err) {
      await file.abort();
      throw err;
    }
    await file.commit();
  });
}

/**
 * Gives `cmd` its help text: the examples come right after the usage line, before the description and
 * the option groups, so that they are on the first screen; the notes close the help.
 */
export function describe(cmd: Command, help: CommandHelp): Command {
  cmd.summary(help.summary).description(help.description);
  cmd.configureHelp({
    formatHelp: (c, helper) => withExamples(Help.prototype.formatHelp.call(helper, c, helper), help.examples),
  });
  if (help.notes) cmd.addHelpText('after', `\n${help.notes.trim()}\n`);
  return cmd;
}

/** Commander's help with an Examples section after its first line (the usage line). */
function withExamples(text: string, examples: string): string {
  const [usage = '', ...rest] = text.split('\n');
  return [usage, '', 'Examples:', ...examples.replace(/^\n+|\s+$/g, '').split('\n'), ...rest].join('\n');
}
