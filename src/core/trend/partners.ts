import { listedPartner, partnerHint, partnerKey, standInCode } from '../../catalog/partners.js';
import { KorusError } from '../../errors.js';
import { listText } from '../../model/caps.js';
import type { Note } from '../../model/notes.js';
import { type ShareResult, yearList } from '../share/index.js';
import { DEFAULT_TOP, type TrendInput, type WantedPartner } from './types.js';

/** The partners to follow: those given, in order, then the top N of the last year in range with data. */
export function choosePartners(
  input: TrendInput,
  inRange: number[],
  notes: Note[],
): { partners: Array<{ code: string; name: string }>; top: number | null; topYear: number | null } {
  const partners: Array<{ code: string; name: string }> = [];
  const codes = new Set<string>();
  for (const wanted of input.partners) {
    const p = dataPartner(wanted, input, inRange, notes);
    if (codes.has(p.code)) continue;
    const found = inRange.flatMap((y) => partnerRow(input.results.get(y), p.code) ?? []);
    if (!found.length) throw partnerAbsent(p, input, inRange);
    codes.add(p.code);
    partners.push({ code: p.code, name: found[found.length - 1]?.name ?? p.name });
  }
  const n = input.top ?? (input.partners.length ? undefined : DEFAULT_TOP);
  if (n === undefined) return { partners, top: null, topYear: null };
  const topYear = inRange[inRange.length - 1] as number;
  const ranked = partnerRows(input.results.get(topYear)).filter((r) => !codes.has(r.code));
  const picked = ranked.slice(0, n);
  if (picked.length < n) {
    const listed = ranked.length + codes.size;
    notes.push({
      level: 'info',
      code: 'fewer-partners',
      facts: { top: n, year: topYear, listed, given: codes.size },
    });
  }
  for (const r of picked) partners.push({ code: r.code, name: r.name });
  return { partners, top: n, topYear };
}

/**
 * The partner asked for as the data has it: by its code, by the data's own name for it, or as the area a
 * source reports it under (Comtrade's "Other Asia, nes" for Taiwan), with a note saying so.
 */
function dataPartner(p: WantedPartner, input: TrendInput, inRange: number[], notes: Note[]): WantedPartner {
  if (inRange.some((y) => partnerRow(input.results.get(y), p.code))) return p;
  const rows = inRange.flatMap((y) => partnerRows(input.results.get(y)));
  const byName = rows.find((r) => partnerKey(r.name) === partnerKey(p.name));
  if (byName) return { ...p, code: byName.code, name: byName.name };
  const standIn = standInCode(p.code);
  const stood = standIn ? rows.find((r) => r.code === standIn) : undefined;
  if (!stood) return p;
  const said = notes.findIndex((n) => n.code === 'partner-stand-in');
  if (said !== -1) notes.splice(said, 1);
  notes.push({
    level: 'info',
    code: 'partner-stand-in',
    facts: { name: p.name, code: p.code, area: stood.name },
  });
  return { ...p, code: stood.code, name: stood.name };
}

function partnerAbsent(p: WantedPartner, input: TrendInput, inRange: number[]): KorusError {
  const label = p.kind === 'country' ? `${p.name} (${p.code})` : JSON.stringify(p.name);
  const elsewhere = input.yearsWithData.filter((y) => partnerRow(input.results.get(y), p.code));
  const lastYear = inRange[inRange.length - 1] as number;
  const names = partnerRows(input.results.get(lastYear)).map((r) => r.name);
  const hint = elsewhere.length
    ? `years with ${p.code}: ${yearList(elsewhere)}`
    : `partners in the ${lastYear} data: ${listText(names.sort()) || 'none (only aggregate rows)'}`;
  return new KorusError(
    `${label} has no ${input.category} ${input.flow} row in ${input.from}-${input.to}`,
    2,
    partnerHint(
      p,
      hint,
      partnerRows(input.results.get(lastYear)).map((r) => listedPartner(r.code, r.name)),
    ),
  );
}

type PartnerRow = ShareResult['rows'][number] & { code: string };
// Each year's rows are filtered once, and indexed by code once: a year may have millions of partners, and
// every followed partner looks itself up in every year.
const rowsOf = new WeakMap<ShareResult, PartnerRow[]>();
const byCode = new WeakMap<ShareResult, Map<string, PartnerRow>>();

/** A result's ranked partner rows (the query has no --top, so every partner is a row). */
export function partnerRows(r: ShareResult | undefined): PartnerRow[] {
  if (!r) return [];
  let rows = rowsOf.get(r);
  if (!rows) {
    rows = r.rows.filter((row): row is PartnerRow => row.kind === 'partner' && row.code !== null);
    rowsOf.set(r, rows);
  }
  return rows;
}

/** A result's row of the partner with this code, if it has one. */
export function partnerRow(r: ShareResult | undefined, code: string): PartnerRow | undefined {
  if (!r) return undefined;
  let index = byCode.get(r);
  if (!index) {
    index = new Map();
    for (const row of partnerRows(r)) if (!index.has(row.code)) index.set(row.code, row);
    byCode.set(r, index);
  }
  return index.get(code);
}
