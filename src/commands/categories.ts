import type { Command } from 'commander';
import { Option } from 'commander';
import { loadCategories } from '../data/category-file.js';
import { UsageError } from '../errors.js';
import { renderCategories } from '../output/categories.js';
import { chalkFor } from '../output/color.js';
import { FORMATS, type Format } from '../output/render.js';
import { outputFormat } from './common.js';
import type { Context } from './context.js';

interface CategoriesFlags {
  categories?: string;
  format?: Format;
  json?: boolean;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ korus-stats categories
  $ korus-stats categories --categories my-categories.json --json

A row belongs to a category by its category column when the file has one, else by its HS code: a code
belongs to every category one of whose prefixes it starts with. Extend or override the catalog with a
JSON file: {"categories": [{"name": "knit-apparel", "label": "Knit apparel", "hs": ["61"], "note": "..."}]}.
`;

/** Registers `categories` on the program. */
export function register(program: Command, ctx: Context): void {
  program
    .command('categories')
    .summary('list the product category definitions (HS code prefixes)')
    .description(
      'Lists the built-in product categories, and those of a --categories file, with their HS definitions.',
    )
    .option('--categories <file>', 'JSON file of extra category definitions')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS))
    .option('--json', 'same as --format json')
    .option('--no-color', 'no colors')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: CategoriesFlags) => {
      const defs = await loadCategories(flags.categories);
      const format = outputFormat({ ...flags, units: 'human' });
      if (format === 'svg') throw new UsageError('categories has no svg format');
      ctx.io.stdout.write(renderCategories(defs, format, chalkFor(ctx.io.stdout, ctx.io.env, flags.color)));
      ctx.exitCode = 0;
    });
}
