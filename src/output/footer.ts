import type { InputStats, ShareResult } from '../core/share/index.js';
import { listText } from '../model/caps.js';
import { profileLabel as layoutLabel } from '../sources/index.js';
import { count, sourceList } from './format.js';

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

/** "Files": the files used, their source profile (and variant) when not canonical, and how many more were read for nothing. */
export function filesLine(
  i: Pick<InputStats, 'files' | 'filesUsed'>,
  unusedWhy = 'with no matching rows',
): [string, string] {
  const unused = i.files.length - i.filesUsed.length;
  const used = i.files.filter((f) => i.filesUsed.includes(f.name));
  const layouts = [...new Set(used.map((f) => layoutLabel(f.layout, f.variant)))];
  const layoutText = used.every((f) => f.layout === 'canonical') ? '' : ` (${layouts.join('; ')} profile)`;
  return [
    'Files',
    `${listText(i.filesUsed)}${layoutText}${unused ? ` (and ${unused} more read, ${unusedWhy})` : ''}`,
  ];
}

/** A chart or table title: "US imports of apparel by partner, 2016 (OTEXA)", capitalised. */
export function analysisTitle(
  q: { reporter: string | null; flow: string; by?: 'partner' | 'reporter'; partner?: string | null },
  categoryLabel: string,
  period: string,
  sources: string[] = [],
): string {
  const what = `${q.flow} of ${categoryLabel.toLowerCase()}`;
  const t =
    q.by === 'reporter'
      ? `${what} ${q.flow === 'imports' || q.flow === 're-imports' ? 'from' : 'to'} ${q.partner ?? 'the partner'} by reporter, ${period}${sources.length ? ` (${sourceList(sources)})` : ''}`
      : `${q.reporter ? `${q.reporter} ` : ''}${what} by partner, ${period}${sources.length ? ` (${sourceList(sources)})` : ''}`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "Rows": every row read, accounted for: used, filtered out, missing (by marker) and aggregate. */
export function rowsLine(i: InputStats): [string, string] {
  const missing = Object.entries(i.missingByMarker)
    .map(([m, n]) => `${m === '' ? 'empty' : m} ${n}`)
    .join(', ');
  return [
    'Rows',
    `${count(i.rowsRead)} read = ${count(i.rowsUsed)} used + ${count(i.rowsFiltered)} filtered out + ${count(i.rowsMissing)} missing${missing ? ` (${missing})` : ''} + ${count(i.rowsAggregate)} aggregate (${count(i.aggregateTotals)} total, ${count(i.aggregateGroups)} group)`,
  ];
}
