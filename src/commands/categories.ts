import type { Command } from 'commander';
import { actLazy, type CommandHelp, command, GROUPS } from './command.js';
import type { Context } from './context.js';
import { addOutputFlags } from './options.js';
import { CATEGORIES_OUTPUT } from './specs.js';

const HELP: CommandHelp = {
  summary: 'list the product category definitions (HS code prefixes)',
  description:
    'Lists the built-in product categories, and those of a --categories file, with their HS definitions.',
  examples: `
  $ korus-stats categories
  $ korus-stats categories --categories my-categories.json --json`,
  notes: `
A row belongs to a category by its category column when the file has one, else by its HS code: a code
belongs to every category one of whose prefixes it starts with. Extend or override the catalog with a
JSON file: {"categories": [{"name": "knit-apparel", "label": "Knit apparel", "hs": ["61"], "note": "..."}]}.`,
};

/** Registers `categories` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'categories', HELP)
    .optionsGroup(GROUPS.input)
    .option('--categories <file>', 'JSON file of extra category definitions');
  addOutputFlags(cmd, CATEGORIES_OUTPUT);
  actLazy(cmd, ctx, () => import('./categories-run.js'));
}
