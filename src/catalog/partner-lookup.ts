// Partner text to a partner: on the per-row path (behind the readers' caches), so a lookup is a key and
// two map reads.
import { distance } from 'fastest-levenshtein';
import { indexKorean } from './korean-names.js';
import { countryIndex, mayBeKnown, special } from './partner-index.js';
import { countryName, type Partner, PLAIN, partnerKey, settledText } from './partner-type.js';

/** Resolves a partner cell (code in any supported system, or a name) to a partner; unknown text stays as it is. */
export function lookupPartner(text: string, plain = PLAIN.test(text)): Partner {
  // Plainness tested once (or by the caller): a file of millions of distinct names comes here for each.
  if (plain && !mayBeKnown(text)) {
    return text.charCodeAt(0) === 95
      ? { kind: 'group', code: text, name: text }
      : { kind: 'unknown', code: text, name: text };
  }
  const key = partnerKey(text, plain);
  const found = special.get(key);
  if (found) return found;
  if (key.startsWith('_')) return { kind: 'group', code: text.trim(), name: text.trim() };
  // M49 codes are often zero-padded ("0410" for 410).
  const numeric = key.charCodeAt(0) === 48 && /^0\d+$/.test(key) ? String(Number(key)) : key;
  const alpha2 = countryIndex.get(numeric);
  if (alpha2) return { kind: 'country', code: alpha2, name: countryName(alpha2) };
  // A name in Korean (K-stat exports): its index is made on first need. Plain text is ASCII: never Korean.
  if (!plain && /[\u1100-\u11ff\u3131-\ud79d]/.test(key) && indexKorean()) return lookupPartner(text);
  const name = plain || settledText(text) ? text : text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return { kind: 'unknown', code: name, name };
}

/** The catalog country whose name or code is nearest to `text` (a typo), if one is close enough. */
export function suggestPartner(text: string): Partner | undefined {
  const key = partnerKey(text);
  let best: { key: string; d: number } | undefined;
  for (const known of countryIndex.keys()) {
    if (/^\d+$/.test(known)) continue;
    const d = distance(key, known);
    if (!best || d < best.d) best = { key: known, d };
  }
  if (!best || best.d > Math.max(1, Math.floor(key.length / 4))) return undefined;
  return lookupPartner(best.key);
}

/** "did you mean South Korea (KR)?" for a partner text the catalog does not know, if one is near. */
export function partnerSuggestion(text: string): string | undefined {
  const p = suggestPartner(text);
  return p && `did you mean ${p.name} (${p.code})?`;
}

/** The hint for a partner missing from the data, led by a "did you mean" when the catalog does not know the name. */
export function partnerHint(p: { kind: string; name: string }, hint: string): string {
  const suggestion = p.kind === 'unknown' ? partnerSuggestion(p.name) : undefined;
  return suggestion ? `${suggestion}; ${hint}` : hint;
}

/** A reporter as the rows hold it: ISO alpha-2 for a known country, else the text. */
export function reporterCode(text: string): string {
  const p = lookupPartner(text);
  return p.kind === 'country' ? p.code : p.name;
}
