import { loadCategories } from '../data/category-file.js';
import { renderCategories } from '../output/categories.js';
import type { Context } from './context.js';
import { type OutputFlags, type OutputOptions, outputOptions } from './options.js';
import { answer } from './pipeline.js';
import { CATEGORIES_OUTPUT } from './specs.js';

/** What `categories` is asked: its flags, parsed. */
export interface CategoriesOptions {
  /** A JSON file of extra category definitions. */
  categories?: string;
  output: OutputOptions;
}

/** Runs `categories`: the catalog, built-in and from the file; returns the exit code. */
export async function categories(o: CategoriesOptions, ctx: Context): Promise<number> {
  await answer(ctx, o.output, [], renderCategories(await loadCategories(o.categories)));
  return 0;
}

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (flags: OutputFlags & { categories?: string }) =>
  categories({ categories: flags.categories, output: outputOptions(flags, CATEGORIES_OUTPUT) }, ctx);
