import type { CategoryDef } from '../catalog/categories.js';
import { editDistance as distance } from '../catalog/edit-distance.js';
import { KorusError, UsageError } from '../errors.js';
import { listText } from '../model/caps.js';
import type { ReadReport } from '../model/rows.js';
import { counted } from '../output/format.js';

/** The error for a category with no rows: the categories there are, and the nearest name to a typo. */
export function unknownCategory(
  given: string,
  category: CategoryDef,
  catalog: CategoryDef[],
  report: ReadReport,
): KorusError {
  const available = [...new Set([...catalog.map((d) => d.name), ...report.categoriesSeen])].sort();
  const flows = Object.entries(report.otherFlowRows).filter(([, n]) => n > 0);
  if (flows.length) {
    // The category's rows are there, of another flow (a Census exports answer read as imports).
    return new KorusError(
      `no ${category.name} rows of the flow asked for: the data's ${category.name} rows are ${flows.map(([f, n]) => `${f} (${counted(n, 'row')})`).join(', ')}`,
      2,
      `ask for ${flows.map(([f]) => `--flow ${f}`).join(' or ')}`,
    );
  }
  if (category.origin !== 'data' && report.otherClassification.size) {
    const [system, n] = [...report.otherClassification][0] as [string, number];
    return new KorusError(
      `category "${category.name}" is defined by HS codes (${listText(category.hs)}) and the data's ${n} code${n === 1 ? '' : 's'} are ${system}: HS codes are never matched against ${system} ones`,
      2,
      `define the category's ${system} codes in a --categories file ("sitc": [...]), or download the data in HS`,
    );
  }
  if (category.origin !== 'data') {
    const seen = [...report.categoriesSeen].sort();
    return new KorusError(
      `no rows for category "${category.name}" in the data (${report.hsCodedRows ? `${counted(report.hsCodedRows, 'row')} with HS codes, none under ${listText(category.hs)}` : 'no rows carry it in a category column or match its HS codes'})`,
      2,
      seen.length ? `categories in the data: ${listText(seen)}` : undefined,
    );
  }
  const near = available.map((n) => ({ n, d: distance(n, category.name) })).sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= Math.max(2, category.name.length / 3) ? `did you mean "${near.n}"? ` : '';
  return new UsageError(`unknown category "${given}"`, `${hint}categories: ${listText(available)}`);
}
