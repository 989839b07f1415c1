import type { InputStats, ShareResult } from '../core/share.js';
import { layoutLabel } from '../data/layouts.js';

/** Footer lines every analysis prints the same way: what the category is, the value basis, the files. */

/** "Category": how the rows were matched to the category, and its definition. */
export function categoryLine(cat: ShareResult['category']): [string, string] {
  const how: string[] = [];
  if (cat.matchedBy.includes('category-column')) {
    how.push(
      cat.dataDefinitions.length
        ? `as the data defines it: ${cat.dataDefinitions.join('; ')} (category column)`
        : "as labelled in the data's category column (the data does not state its definition)",
    );
  }
  if (cat.matchedBy.includes('hs-code')) how.push(`${cat.hsDefinition} (catalog): ${cat.note}`);
  return ['Category', `${cat.name}, ${how.join('; and ')}`];
}

/** "Basis": the value basis the data states. */
export function basisLine(valueBasis: string[]): [string, string] {
  return ['Basis', valueBasis.length ? valueBasis.join('; ') : 'not stated in the data'];
}

/** "Files": the files used, their layout when not canonical, and how many more were read for nothing. */
export function filesLine(
  i: Pick<InputStats, 'files' | 'filesUsed'>,
  unusedWhy = 'with no matching rows',
): [string, string] {
  const unused = i.files.length - i.filesUsed.length;
  const layouts = [...new Set(i.files.filter((f) => i.filesUsed.includes(f.name)).map((f) => f.layout))];
  const layoutText =
    layouts.length === 1 && layouts[0] === 'canonical'
      ? ''
      : ` (${layouts.map(layoutLabel).join('; ')} layout)`;
  return [
    'Files',
    `${i.filesUsed.join(', ')}${layoutText}${unused ? ` (and ${unused} more read, ${unusedWhy})` : ''}`,
  ];
}

/** A chart or table title: "US imports of apparel by partner, 2016 (OTEXA)", capitalised. */
export function analysisTitle(
  q: { reporter: string | null; flow: string },
  categoryLabel: string,
  period: string,
  sources: string[] = [],
): string {
  const t = `${q.reporter ? `${q.reporter} ` : ''}${q.flow} of ${categoryLabel.toLowerCase()} by partner, ${period}${sources.length ? ` (${sources.join(', ')})` : ''}`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}
