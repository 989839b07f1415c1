import type { Command } from 'commander';
import { loadCategories } from '../data/category-file.js';
import { CATEGORIES_FORMATS, renderCategories } from '../output/categories.js';
import { act, type CommandHelp, command, GROUPS } from './command.js';
import type { Context } from './context.js';
import {
  addOutputFlags,
  type OutputFlags,
  type OutputOptions,
  type OutputSpec,
  outputOptions,
} from './options.js';
import { answer } from './pipeline.js';

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

const OUTPUT: OutputSpec = { formats: CATEGORIES_FORMATS, noColor: 'no colors' };

/** What `categories` is asked: its flags, parsed. */
export interface CategoriesOptions {
  /** A JSON file of extra category definitions. */
  categories?: string;
  output: OutputOptions;
}

/** Registers `categories` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'categories', HELP)
    .optionsGroup(GROUPS.input)
    .option('--categories <file>', 'JSON file of extra category definitions');
  addOutputFlags(cmd, OUTPUT);
  act(cmd, ctx, (flags: OutputFlags & { categories?: string }) =>
    categories({ categories: flags.categories, output: outputOptions(flags, OUTPUT) }, ctx),
  );
}

/** Runs `categories`: the catalog, built-in and from the file; returns the exit code. */
export async function categories(o: CategoriesOptions, ctx: Context): Promise<number> {
  await answer(ctx, o.output, [], renderCategories(await loadCategories(o.categories)));
  return 0;
}
