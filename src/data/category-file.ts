import { readFile } from 'node:fs/promises';
import { builtInCategories, type CategoryDef, categoryEntry } from '../catalog/categories.js';
import { InputError } from '../errors.js';

/** The built-in catalog extended (or overridden, by name) with the definitions in `file`. */
export async function loadCategories(file?: string): Promise<CategoryDef[]> {
  const defs = builtInCategories();
  if (!file) return defs;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail = e.code === 'ENOENT' ? 'no such file' : `not a readable JSON file (${e.message})`;
    throw new InputError({ file }, detail);
  }
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const def of parseCatalog(json, file)) byName.set(def.name, def);
  return [...byName.values()];
}

/** The definitions in a --categories file's JSON, each checked (InputError naming the entry). */
export function parseCatalog(json: unknown, origin: string): CategoryDef[] {
  const list = (json as { categories?: unknown })?.categories;
  const expected =
    'expected {"categories": [{"name": "...", "hs": ["61", ...], "label"?: "...", "note"?: "..."}]}';
  if (!Array.isArray(list)) throw new InputError({ file: origin }, `no "categories" array (${expected})`);
  return list.map((entry: unknown, i: number) => {
    const e = entry as Record<string, unknown>;
    const hs = e.hs ?? [];
    const sitc = e.sitc;
    const codes = e.codes;
    const total = Array.isArray(codes) && codes.length > 0;
    if (typeof e.name !== 'string' || !e.name.trim() || !Array.isArray(hs) || (hs.length === 0 && !total)) {
      throw new InputError(
        { file: origin },
        `category ${i + 1} needs a name and a non-empty hs list (${expected})`,
      );
    }
    const digits = (list: unknown[], what: string, min: number) => {
      for (const code of list) {
        if (typeof code !== 'string' || !new RegExp(`^\\d{${min},10}$`).test(code)) {
          throw new InputError(
            { file: origin },
            `category "${e.name}": ${what} prefix ${JSON.stringify(code)} must be a string of ${min} to 10 digits`,
            'write codes as strings ("0101"), never numbers, so leading zeros are kept',
          );
        }
      }
    };
    digits(hs, 'HS', 2);
    if (sitc !== undefined) {
      if (!Array.isArray(sitc))
        throw new InputError({ file: origin }, `category "${e.name}": "sitc" must be a list`);
      digits(sitc, 'SITC', 1);
    }
    return categoryEntry(e, origin);
  });
}
