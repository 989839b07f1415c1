import { builtInCategories, type CategoryDef, categoryEntry } from '../catalog/categories.js';
import { InputError, KorusError } from '../errors.js';
import { type ConfigKind, parseConfigJson, readConfigText } from './config-json.js';
import type { TextPosition } from './json-position.js';
import { isObject, kindOf, shown } from './rules-fields.js';

const EXPECTED =
  'expected {"categories": [{"name": "...", "hs": ["61", ...], "label"?: "...", "note"?: "..."}]}';

/** A --categories file, as messages name it. */
export const CATEGORIES_FILE: ConfigKind = {
  what: 'categories file',
  code: 'input',
  // Real ones are a few kilobytes; a category of a million 10-digit HS prefixes (issue 11) is 13 MB.
  maxBytes: 32 * 2 ** 20,
  expected: 'a JSON object with "categories"',
  example: '{"categories": [{"name": "knit-shirts", "hs": ["6105", "6109"]}]}',
};

/** The built-in catalog extended (or overridden, by name) with the definitions in `file`. */
export async function loadCategories(file?: string): Promise<CategoryDef[]> {
  const defs = builtInCategories();
  if (!file) return defs;
  let text: string;
  try {
    text = await readConfigText(file, file, CATEGORIES_FILE);
  } catch (err) {
    if (err instanceof KorusError) throw err;
    const e = err as NodeJS.ErrnoException;
    const detail =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EISDIR'
          ? 'is a folder, not a categories file'
          : `cannot read (${e.code ?? e.message})`;
    throw new InputError({ file }, detail);
  }
  const { json, where } = parseConfigJson(text, file, CATEGORIES_FILE);
  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const def of parseCatalog(json, file, where)) byName.set(def.name, def);
  return [...byName.values()];
}

/**
 * The definitions in a --categories file's JSON, each checked: an InputError names the entry, and with
 * `where` (the file's value positions by path, asked only for an error) its line and column.
 */
export function parseCatalog(
  json: unknown,
  origin: string,
  where?: () => Map<string, TextPosition>,
): CategoryDef[] {
  const fail = (path: string, detail: string, hint?: string): never => {
    const at = where ? (where().get(path) ?? { line: 1, column: 1 }) : {};
    throw new InputError({ file: origin, ...at }, detail, hint);
  };
  const list = isObject(json) ? json.categories : undefined;
  if (!Array.isArray(list))
    fail(list === undefined ? '' : 'categories', `no "categories" array (${EXPECTED})`);
  return (list as unknown[]).map((entry: unknown, i: number) => {
    const path = `categories[${i}]`;
    if (!isObject(entry))
      return fail(path, `category ${i + 1} must be an object, not ${kindOf(entry)} (${EXPECTED})`);
    const at = (key: string) => (entry[key] === undefined ? path : `${path}.${key}`);
    const label = `category ${typeof entry.name === 'string' ? shown(entry.name) : i + 1}`;
    for (const key of ['aliases', 'codes']) {
      const v = entry[key];
      if (v === undefined) continue;
      if (!Array.isArray(v)) fail(at(key), `${label}: "${key}" must be a list of strings, not ${kindOf(v)}`);
      for (const [k, s] of (v as unknown[]).entries())
        if (typeof s !== 'string' || !s.trim())
          fail(
            `${path}.${key}[${k}]`,
            `${label}: each of "${key}" must be a non-empty string, not ${shown(s)}`,
          );
    }
    const hs = entry.hs ?? [];
    const codes = entry.codes;
    const total = Array.isArray(codes) && codes.length > 0;
    const labelOnly = entry.labelOnly;
    if (labelOnly !== undefined && typeof labelOnly !== 'boolean')
      fail(at('labelOnly'), `${label}: "labelOnly" must be true or false, not ${kindOf(labelOnly)}`);
    if (
      typeof entry.name !== 'string' ||
      !entry.name.trim() ||
      !Array.isArray(hs) ||
      (hs.length === 0 && !total && labelOnly !== true)
    ) {
      const key = typeof entry.name !== 'string' || !entry.name.trim() ? 'name' : 'hs';
      fail(at(key), `category ${i + 1} needs a name and a non-empty hs list (${EXPECTED})`);
    }
    const digits = (key: string, what: string, min: number) => {
      const form = new RegExp(`^\\d{${min},10}$`);
      for (const [k, code] of (entry[key] as unknown[]).entries()) {
        if (typeof code !== 'string' || !form.test(code)) {
          fail(
            `${path}.${key}[${k}]`,
            `${label}: ${what} prefix ${shown(code)} must be a string of ${min} to 10 digits`,
            'write codes as strings ("0101"), never numbers, so leading zeros are kept',
          );
        }
      }
    };
    if (labelOnly === true && (hs as unknown[]).length > 0)
      fail(
        at('hs'),
        `${label}: a "labelOnly" category is matched by its label alone, so its "hs" list must be empty`,
      );
    if (entry.hs !== undefined) digits('hs', 'HS', 2);
    if (entry.sitc !== undefined) {
      if (!Array.isArray(entry.sitc))
        fail(at('sitc'), `${label}: "sitc" must be a list, not ${kindOf(entry.sitc)}`);
      digits('sitc', 'SITC', 1);
    }
    for (const key of ['label', 'note'])
      if (entry[key] !== undefined && typeof entry[key] !== 'string')
        fail(at(key), `${label}: "${key}" must be a string, not ${kindOf(entry[key])}`);
    return categoryEntry(entry, origin);
  });
}
