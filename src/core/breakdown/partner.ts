import { type Partner, partnerKey } from '../../catalog/partners.js';

/** "China (CN)" for a country, the quoted text for a partner the catalog does not know. */
export function partnerLabel(p: Partner): string {
  return p.kind === 'country' ? `${p.name} (${p.code})` : JSON.stringify(p.name);
}

/** Whether a row's partner code is the partner asked for (an unknown partner by its normalised name). */
export function samePartner(code: string, p: Partner): boolean {
  return p.kind === 'country' ? code === p.code : partnerKey(code) === partnerKey(p.code);
}
