import { lookupPartner, type Partner, partnerHint, partnerKey } from '../../catalog/partners.js';
import { KorusError } from '../../errors.js';
import { listText } from '../../model/caps.js';
import type { Note } from '../../model/notes.js';
import type { YearBucket } from './bucket.js';
import { type YearPeriods, yearList } from './periods.js';
import type { ShareQuery } from './types.js';

/** A reporter, shown in the place of a partner (by reporter). */
export function reporterAsPartner(reporter: string): Partner {
  const p = lookupPartner(reporter);
  return p.kind === 'country' ? p : { kind: 'unknown', code: reporter, name: reporter };
}

/**
 * The partner asked for, found in the data first: by code, by the data's own name for it, or as the
 * area a source reports it under (Comtrade's "Other Asia, nes" for Taiwan), with a note saying so.
 * Throws when the year has no row of it, saying which years do.
 */
export function findPartner(
  partner: Partner,
  cur: YearBucket,
  year: number,
  q: ShareQuery,
  years: Map<number, YearPeriods>,
  notes: Note[],
): string {
  if (cur.partners.has(partner.code)) return partner.code;
  const key = partnerKey(partner.name);
  for (const p of cur.partners.values()) {
    if (p.partner.kind === 'unknown' && partnerKey(p.partner.name) === key) return p.partner.code;
  }
  for (const p of cur.partners.values()) {
    if (p.partner.standsFor && p.partner.standsFor === partner.code) {
      notes.push({
        level: 'info',
        code: 'partner-stand-in',
        facts: {
          asked: { name: partner.name, code: partner.code },
          dataName: p.partner.name,
          standsFor: p.partner.standsFor,
        },
      });
      return p.partner.code;
    }
  }
  const label =
    partner.kind === 'country' ? `${partner.name} (${partner.code})` : JSON.stringify(partner.name);
  const marker = cur.missingPartners.get(partner.code);
  if (marker !== undefined) {
    throw new KorusError(
      `${label}: the ${year} ${q.category.name} value is missing in the data (${marker === '' ? 'empty cell' : `marked ${JSON.stringify(marker)}`})`,
      2,
    );
  }
  const inYears = [...years.entries()]
    .filter(([, periods]) => periods.all().some((b) => b.partners.has(partner.code)))
    .map(([y]) => y);
  const names = [...cur.partners.values()].map((p) => p.partner.name).sort();
  const hint = inYears.length
    ? `years with ${partner.code}: ${yearList(inYears.sort((a, b) => a - b))}`
    : `partners in the ${year} data: ${listText(names) || 'none (only aggregate rows)'}`;
  throw new KorusError(
    `${label} has no ${q.category.name} ${q.flow} row for ${year}`,
    2,
    partnerHint(
      partner,
      hint,
      [...cur.partners.values()].map((p) => p.partner),
    ),
  );
}
