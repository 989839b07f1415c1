import type { Command } from 'commander';
import { Option } from 'commander';
import { type CategoryDef, loadCategories } from '../data/categories.js';
import { chalkFor } from '../output/color.js';
import {
  FORMATS,
  type Format,
  renderCsv,
  renderJson,
  renderMarkdown,
  renderTable,
  type TextTable,
} from '../output/render.js';
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
      ctx.io.stdout.write(renderCategories(defs, format, chalkFor(ctx.io.stdout, ctx.io.env, flags.color)));
      ctx.exitCode = 0;
    });
}

/** Renders the category catalog. */
export function renderCategories(
  defs: CategoryDef[],
  format: Format,
  c: ReturnType<typeof chalkFor>,
): string {
  if (format === 'json') {
    return renderJson({ schemaVersion: 1, command: 'categories', categories: defs });
  }
  if (format === 'csv') {
    return renderCsv(
      ['name', 'label', 'hs', 'note', 'origin'],
      defs.map((d) => [d.name, d.label, d.hs.join(' '), d.note, d.origin]),
    );
  }
  const table: TextTable = {
    title: 'Product categories',
    columns: [
      { head: 'Name', align: 'left' },
      { head: 'HS codes', align: 'left' },
      { head: 'Definition', align: 'left' },
    ],
    rows: defs.map((d) => [d.name, d.hs.join(', '), wrap(d.note, 60)]),
    footRows: [],
    dim: new Set(),
    footer: [['Matching', 'by the category column when a file has one, else by HS code prefix']],
  };
  return format === 'markdown' ? renderMarkdown(table) : renderTable(table, c);
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
