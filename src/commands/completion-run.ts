import type { Command } from 'commander';
import { loadCategories } from '../data/category-file.js';
import { completionScript } from '../output/completion.js';
import type { Shell } from '../output/shells.js';
import { cliSpec } from './cli-spec.js';
import type { Context } from './context.js';

/** Prints the completion script for the shell, from the program the command belongs to. */
export const action = (ctx: Context) => async (shell: Shell, _flags: object, cmd: Command) => {
  const program = cmd.parent as Command;
  const categories = (await loadCategories(undefined)).map((c) => c.name);
  ctx.io.stdout.write(completionScript(shell, cliSpec(program), categories));
  return 0;
};
