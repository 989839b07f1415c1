import type { Partner } from '../../catalog/partners.js';
import { partnerLabel } from '../../core/breakdown/index.js';
import { yearList } from '../../core/share/index.js';
import { listText } from '../../model/caps.js';
import type { AbsenceReason, AbsentCategory, BreakdownFacts } from '../../model/facts/breakdown.js';
import { counted } from '../format.js';
import type { Words } from './words.js';

/** The words of each breakdown note, made from its facts. */
export const BREAKDOWN_WORDS: Words<BreakdownFacts> = {
  'default-year': (f) =>
    `no --year given: using ${f.year}, the latest year with ${partnerLabel(f.partner)} figures (years: ${yearList(f.years)})`,
  'rows-in-no-category': (f) =>
    `${counted(f.rows, 'row')} in no category (neither a category label nor an HS code under a catalog prefix; e.g. ${f.examples.map((x) => JSON.stringify(x)).join(', ')})`,
  'partial-overlap': (f) =>
    `no total for ${partnerLabel(f.partner)}: ${listText(
      f.pairs.map(([a, b]) => `${a} and ${b}`),
      '; ',
    )} share HS codes without one holding the other, so adding them would count some trade twice (shares of the partner's total are left empty)`,
  'unknown-overlap': (f) => {
    const one = f.categories.length === 1;
    return `${listText(f.categories)} ${one ? 'is a data label' : 'are data labels'} without an HS definition in the catalog: ${one ? 'its' : 'their'} overlap with the other categories is not known, and ${partnerLabel(f.partner)}'s total adds ${one ? 'it' : 'them'} as if separate`;
  },
  'mixed-sources': (f) =>
    `the listed categories come from ${f.groups.length} sources (${listText(
      f.groups.map((g) => `${listText(g.sources) || '(no source column)'}: ${listText(g.categories)}`),
      '; ',
    )}): each share of a category's total stays within its source, but the partner's total adds figures published on different definitions`,
  'absent-categories': (f) =>
    `${f.absent.length} categor${f.absent.length === 1 ? 'y' : 'ies'} without a ${partnerLabel(f.partner)} figure for ${f.year} left out: ${absentText(f.absent, f.partner)}`,
};

const REASON_TEXT: Record<AbsenceReason, string> = {
  'no-data': 'no rows in the data',
  'no-data-for-year': 'no rows for the year',
  'partner-absent': 'no row for the partner that year',
  'value-missing': "the partner's value is missing",
};

/** "apparel (China has figures for 2014, 2017); autos, steel (no rows in the data)". */
export function absentText(absent: AbsentCategory[], partner: Partner): string {
  const who = partner.kind === 'country' ? partner.name : partnerLabel(partner);
  const withYears = absent.filter((a) => a.partnerYears.length > 0);
  const parts = withYears.map(
    (a) =>
      `${a.name} (${a.reason === 'value-missing' ? `${who}'s value is missing; figures` : `${who} has figures`} for ${yearList(a.partnerYears)})`,
  );
  const rest = absent.filter((a) => a.partnerYears.length === 0);
  for (const reason of Object.keys(REASON_TEXT) as AbsenceReason[]) {
    const names = rest.filter((a) => a.reason === reason).map((a) => a.name);
    if (names.length) parts.push(`${listText(names.sort())} (${REASON_TEXT[reason]})`);
  }
  return parts.join('; ');
}
