import { createRequire } from 'node:module';
import { ambiguous, countryIndex, filterKey } from './partner-index.js';
import { countries, partnerKey } from './partner-type.js';

let koreanIndexed = false;

/**
 * Indexes the Korean country names the first time a name is not found otherwise (most runs never need
 * them); true if it did so now, false if they were indexed already.
 */
export function indexKorean(): boolean {
  if (koreanIndexed) return false;
  koreanIndexed = true;
  // Korean-language exports (K-stat, KITA) name partners in Korean: the list is loaded only then.
  countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/ko.json'));
  for (const a2 of Object.keys(countries.getAlpha2Codes())) {
    for (const name of countries.getName(a2, 'ko', { select: 'all' }) ?? []) {
      const key = partnerKey(name);
      if (!countryIndex.has(key) && !ambiguous.has(key)) {
        countryIndex.set(key, a2);
        filterKey(key);
      }
    }
  }
  return true;
}
