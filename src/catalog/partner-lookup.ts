// Partner text to a partner: on the per-row path (behind the readers' caches), so a lookup is a key and
// two map reads.
import { editDistance } from './edit-distance.js';
import { indexKorean } from './korean-names.js';
import { countryIndex, mayBeKnown, mayBeKnownText, special } from './partner-index.js';
import { countryName, isPlain, type Partner, partnerKey, settledText } from './partner-type.js';

/** Resolves a partner cell (code in any supported system, or a name) to a partner; unknown text stays as it is. */
export function lookupPartner(text: string, plain = isPlain(text)): Partner {
  // Plainness tested once (or by the caller): a file of millions of distinct names comes here for each.
  if (plain && !mayBeKnown(text)) {
    return text.charCodeAt(0) === 95
      ? { kind: 'group', code: text, name: text }
      : { kind: 'unknown', code: text, name: text };
  }
  // Accented names the index surely lacks: unknown, without making their key.
  if (!plain && !mayBeKnownText(text)) return unknownName(text);
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
  return plain ? { kind: 'unknown', code: text, name: text } : unknownName(text);
}

/** A name the catalog does not know, in its NFC form with single spaces. */
function unknownName(text: string): Partner {
  const name = settledText(text) ? text : text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return { kind: 'unknown', code: name, name };
}

/** A partner as a result lists it (code and name): a country when its code is ISO alpha-2. */
export function listedPartner(code: string, name: string): Partner {
  return { kind: /^[A-Z]{2}$/.test(code) ? 'country' : 'unknown', code, name };
}

/** Suggestions are made within this many edits: one, or one for every four characters of the text. */
const nearEnough = (key: string, d: number) => d <= Math.max(1, Math.floor(key.length / 4));

/**
 * The partner whose name or code is nearest to `text` (a typo: a swapped pair of letters is one edit):
 * first among `inData`, the partners the data has, then among the catalog's countries; undefined when
 * none is near enough.
 */
export function suggestPartner(text: string, inData: readonly Partner[] = []): Partner | undefined {
  const key = partnerKey(text);
  let best: { p: Partner; d: number } | undefined;
  // Among the data's partners a word of a name counts too ("Kroea": South Korea), unless two are as near.
  let tie = false;
  for (const p of inData) {
    const name = partnerKey(p.name);
    for (const k of new Set([name, partnerKey(p.code), ...name.split(' ')])) {
      const d = editDistance(key, k);
      if (d === 0 || (best && d > best.d)) continue;
      if (!best || d < best.d) {
        best = { p, d };
        tie = false;
      } else if (best.p.code !== p.code) tie = true;
    }
  }
  if (best && !tie && nearEnough(key, best.d)) return best.p;
  let known: { key: string; d: number } | undefined;
  for (const k of countryIndex.keys()) {
    if (/^\d+$/.test(k)) continue;
    const d = editDistance(key, k);
    if (!known || d < known.d) known = { key: k, d };
  }
  if (!known || !nearEnough(key, known.d)) return undefined;
  return lookupPartner(known.key);
}

/** "did you mean South Korea (KR)?" for a partner text the catalog does not know, if one is near. */
export function partnerSuggestion(text: string, inData: readonly Partner[] = []): string | undefined {
  const p = suggestPartner(text, inData);
  return p && `did you mean ${p.name}${p.kind === 'country' ? ` (${p.code})` : ''}?`;
}

/**
 * The hint for a partner missing from the data, led by a "did you mean" (the data's partners first) when
 * the catalog does not know the name, or knows it and the data has a partner a typo away.
 */
export function partnerHint(
  p: { kind: string; name: string },
  hint: string,
  inData: readonly Partner[] = [],
): string {
  const suggestion = p.kind === 'unknown' ? partnerSuggestion(p.name, inData) : undefined;
  return suggestion ? `${suggestion}; ${hint}` : hint;
}

/** A reporter as the rows hold it: ISO alpha-2 for a known country, else the text. */
export function reporterCode(text: string): string {
  const p = lookupPartner(text);
  return p.kind === 'country' ? p.code : p.name;
}
