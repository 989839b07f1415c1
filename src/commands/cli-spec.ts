import type { Command, Option } from 'commander';
import type { CliSpec, FlagSpec } from '../model/cli-spec.js';

// The CLI as data, read off the commander program itself: what the shell completions and the man page
// are generated from, so that they say what --help says and cannot drift from it.

/** The flags whose value is a path. */
const PATH_FLAGS = new Set(['--data', '--output', '--categories']);

function flagSpec(o: Option): FlagSpec {
  return {
    long: o.long,
    short: o.short,
    takesValue: o.required || o.optional,
    choices: o.argChoices,
    path: o.long !== undefined && PATH_FLAGS.has(o.long),
    description: o.description,
  };
}

/** The help text of a command at a fixed width (the man page must not depend on the terminal it is made in). */
function helpAt(c: Command, width: number): string {
  const config = c.configureOutput();
  c.configureOutput({ ...config, getOutHelpWidth: () => width });
  const text = c.helpInformation();
  c.configureOutput(config);
  return text;
}

/** The program's commands and flags, as commander holds them (hidden commands left out); help at `width`. */
export function cliSpec(program: Command, width = 80): CliSpec {
  const commands = program.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .map((c) => {
      const args = c.registeredArguments;
      return {
        name: c.name(),
        summary: c.summary() || c.description(),
        flags: c.options.filter((o) => !o.hidden).map(flagSpec),
        argumentChoices: args.flatMap((a) => a.argChoices ?? []),
        pathArguments: args.some((a) => !a.argChoices),
        help: helpAt(c, width),
      };
    });
  return { name: program.name(), description: program.description(), help: helpAt(program, width), commands };
}
