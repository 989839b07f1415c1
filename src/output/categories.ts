import { type CategoryDef, hsDefinition } from '../catalog/categories.js';
/** The formats of the category catalog. */
import { CATEGORIES_FORMATS } from './formats.js';
import type { Renderable } from './render.js';

export { CATEGORIES_FORMATS };

/** The category catalog in every format it offers, for render(). */
export function renderCategories(defs: CategoryDef[]): Renderable {
  return {
    command: 'categories',
    formats: CATEGORIES_FORMATS,
    json: () => ({ schemaVersion: 1, command: 'categories', categories: defs }),
    csv: () => ({
      header: ['name', 'label', 'hs', 'note', 'origin'],
      records: defs.map((d) => [d.name, d.label, d.hs.join(' '), d.note, d.origin]),
    }),
    table: () => ({
      title: 'Product categories',
      columns: [
        { head: 'Name', align: 'left' },
        { head: 'HS codes', align: 'left' },
        { head: 'Definition', align: 'left', wrap: 60 },
      ],
      rows: defs.map((d) => [d.name, hsDefinition(d.hs).replace(/^HS /, ''), d.note]),
      footRows: [],
      dim: new Set(),
      footer: [['Matching', 'by the category column when a file has one, else by HS code prefix']],
    }),
  };
}
