import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInCategories, categoryKey, hsDefinition } from '../../src/catalog/categories.js';
import { loadCategories } from '../../src/data/category-file.js';
import { InputError } from '../../src/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/data/categories/${name}`, import.meta.url));

/** The InputError `promise` rejects with (fails the test when it resolves or rejects with something else). */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('builtInCategories', () => {
  const defs = builtInCategories();
  const byName = new Map(defs.map((d) => [d.name, d]));

  it('holds the documented categories', () => {
    for (const name of [
      'apparel',
      'textiles',
      'textiles-and-apparel',
      'footwear',
      'travel-goods',
      'autos',
      'auto-parts',
      'steel',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('apparel is HS 61 and 62', () => {
    expect(byName.get('apparel')?.hs).toEqual(['61', '62']);
    expect(byName.get('apparel')?.label).toBe('Apparel');
  });

  it('textiles is Section XI less apparel, and textiles-and-apparel is both', () => {
    const textiles = byName.get('textiles')?.hs ?? [];
    const both = byName.get('textiles-and-apparel')?.hs ?? [];
    expect(textiles).not.toContain('61');
    expect(textiles).not.toContain('62');
    expect([...textiles, '61', '62'].sort()).toEqual([...both].sort());
  });

  it('has the expected HS prefixes for the other categories', () => {
    expect(byName.get('footwear')?.hs).toEqual(['64']);
    expect(byName.get('travel-goods')?.hs).toEqual(['4202']);
    expect(byName.get('autos')?.hs).toEqual(['8703']);
    expect(byName.get('auto-parts')?.hs).toEqual(['8708']);
    expect(byName.get('steel')?.hs).toEqual(['72', '73']);
  });

  it("USITC's Trade Shifts sectors are label-only: no HS prefixes, matched by their label", () => {
    const sectors = defs.filter((d) => d.labelOnly);
    expect(sectors.map((d) => d.name)).toEqual([
      'agricultural-products',
      'forest-products',
      'chemicals-and-related-products',
      'energy-related-products',
      'minerals-and-metals',
      'machinery',
      'transportation-equipment',
      'electronic-products',
      'miscellaneous-manufactures',
      'special-provisions',
    ]);
    for (const d of sectors) {
      expect(d.hs).toEqual([]);
      expect(d.note).toContain('Shifts in U.S. Merchandise Trade');
      expect(d.note).toContain('category label only');
    }
  });

  it('every entry has a key-shaped name, string HS codes, a note and the built-in origin', () => {
    expect(defs.length).toBeGreaterThanOrEqual(8);
    for (const d of defs) {
      expect(d.name).toBe(categoryKey(d.name));
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.note.length).toBeGreaterThan(0);
      expect(d.origin).toBe('built-in catalog');
      for (const code of d.hs) expect(code).toMatch(/^\d{2,10}$/);
    }
  });

  it('names are unique', () => {
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
  });

  it('returns a new list of new objects each time', () => {
    const a = builtInCategories();
    a.pop();
    const b = builtInCategories();
    expect(b.length).toBe(defs.length);
    expect(b[0]).not.toBe(a[0]);
    expect(b[0]).toEqual(a[0]);
  });
});

describe('categoryKey', () => {
  it.each([
    ['Textiles and Apparel', 'textiles-and-apparel'],
    ['textiles_and_apparel', 'textiles-and-apparel'],
    ['TEXTILES AND APPAREL', 'textiles-and-apparel'],
    ['  Auto   Parts ', 'auto-parts'],
    ['auto-parts', 'auto-parts'],
    ['Travel\tgoods', 'travel-goods'],
  ])('%j is %j', (label, key) => {
    expect(categoryKey(label)).toBe(key);
  });

  it('normalises to NFC so NFD and NFC labels are one key', () => {
    expect(categoryKey('Cafe\u0301')).toBe(categoryKey('Caf\u00e9'));
  });
});

describe('hsDefinition', () => {
  it('states the HS prefixes', () => {
    const apparel = builtInCategories().find((d) => d.name === 'apparel');
    expect(apparel && hsDefinition(apparel.hs)).toBe('HS 61, 62');
  });

  it('writes three or more consecutive chapters as a range', () => {
    const textiles = builtInCategories().find((d) => d.name === 'textiles');
    expect(textiles && hsDefinition(textiles.hs)).toBe('HS 50-60, 63');
    expect(hsDefinition(['4202', '61', '62', '63', '8703'])).toBe('HS 4202, 61-63, 8703');
  });
});

describe('loadCategories', () => {
  it('without a file gives the built-in catalog', async () => {
    expect(await loadCategories()).toEqual(builtInCategories());
  });

  it('extends the catalog and overrides by key', async () => {
    const file = fixture('extend.json');
    const defs = await loadCategories(file);
    const builtIn = builtInCategories();
    expect(defs.length).toBe(builtIn.length + 1);

    const shirts = defs.find((d) => d.name === 'knit-shirts');
    expect(shirts).toEqual({
      name: 'knit-shirts',
      label: 'Knit Shirts',
      hs: ['6105', '6106', '6109'],
      note: 'Knit shirts and blouses.',
      origin: file,
    });
    // A new category goes after the built-in ones.
    expect(defs[defs.length - 1]?.name).toBe('knit-shirts');

    const apparel = defs.find((d) => d.name === 'apparel');
    expect(apparel).toMatchObject({ label: 'Apparel (knit only)', hs: ['61'], note: 'HS 61', origin: file });
    // An override keeps the built-in position.
    expect(defs.findIndex((d) => d.name === 'apparel')).toBe(builtIn.findIndex((d) => d.name === 'apparel'));

    // "Textiles and Apparel" is the key textiles-and-apparel, so it replaces the built-in one.
    const ta = defs.filter((d) => d.name === 'textiles-and-apparel');
    expect(ta).toHaveLength(1);
    expect(ta[0]).toMatchObject({ label: 'Textiles and Apparel', hs: ['50', '63'], origin: file });

    // Untouched categories stay as built in.
    expect(defs.find((d) => d.name === 'footwear')).toEqual(builtIn.find((d) => d.name === 'footwear'));
  });

  it('rejects numeric HS codes, with a hint to quote them', async () => {
    const file = fixture('numeric-hs.json');
    const err = await inputError(loadCategories(file));
    expect(err.location.file).toBe(file);
    expect(err.message).toContain('live-animals');
    expect(err.message).toContain('HS prefix 101');
    expect(err.hint).toContain('strings');
    expect(err.exitCode).toBe(2);
  });

  it('rejects an HS code shorter than two digits', async () => {
    const err = await inputError(loadCategories(fixture('short-hs.json')));
    expect(err.message).toContain('"6"');
  });

  it('rejects a missing file', async () => {
    const file = fixture('does-not-exist.json');
    const err = await inputError(loadCategories(file));
    expect(err.location).toEqual({ file });
    expect(err.message).toBe(`${file}: no such file`);
  });

  it('rejects a file that is not JSON', async () => {
    const err = await inputError(loadCategories(fixture('not-json.txt')));
    // At the line and column of the fault, like a rules file's errors.
    expect(err.message).toMatch(/not-json\.txt:1:56: not valid JSON: "\]" where a value was expected$/);
  });

  it('rejects a file without a "categories" array', async () => {
    const err = await inputError(loadCategories(fixture('no-array.json')));
    expect(err.message).toContain('no "categories" array');
  });

  it('rejects an entry without a name, naming its position', async () => {
    const err = await inputError(loadCategories(fixture('no-name.json')));
    expect(err.message).toContain('category 2 needs a name');
  });

  it('rejects an empty hs list', async () => {
    const err = await inputError(loadCategories(fixture('empty-hs.json')));
    expect(err.message).toContain('category 1 needs a name and a non-empty hs list');
  });

  it('takes an empty hs list from a labelOnly category, matched by its label alone', async () => {
    const file = fixture('label-only.json');
    const defs = await loadCategories(file);
    expect(defs.find((d) => d.name === 'machinery')).toEqual({
      name: 'machinery',
      label: 'Machinery',
      hs: [],
      labelOnly: true,
      note: "A sector defined by its publisher's own code list: matched by the category label only.",
      origin: file,
    });
  });

  it('rejects a labelOnly category with HS codes, and a labelOnly that is not true or false', async () => {
    const withHs = await inputError(loadCategories(fixture('label-only-with-hs.json')));
    expect(withHs.message).toContain(
      'category "machinery": a "labelOnly" category is matched by its label alone',
    );
    const notBoolean = await inputError(loadCategories(fixture('label-only-not-boolean.json')));
    expect(notBoolean.message).toContain('"labelOnly" must be true or false, not a string');
  });
});

describe('the built-in catalog', () => {
  it('passes the checks a --categories file gets, and reads the same through them', async () => {
    const { parseCatalog } = await import('../../src/data/category-file.js');
    const json = (await import('../../src/catalog/categories.json', { with: { type: 'json' } })).default;
    expect(parseCatalog(json, 'built-in catalog')).toEqual(builtInCategories());
  });
});
