import type { Command } from 'commander';
import { manPage } from '../output/man-page.js';
import { VERSION } from '../version.js';
import { cliSpec } from './cli-spec.js';
import type { Context } from './context.js';

/** Prints the man page (`npm run man` writes it to man/korus-stats.1). */
export const action = (ctx: Context) => async (_flags: object, cmd: Command) => {
  ctx.io.stdout.write(manPage(cliSpec(cmd.parent as Command), VERSION));
  return 0;
};
