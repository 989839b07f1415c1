// The partner catalog's public names, in one place for its many importers. Behind it, one file a concern:
// partner-type.ts (the Partner type, lookup key, display names), partner-names.ts (the sources' own names
// and codes), stand-ins.ts (World, stand-ins, pseudo-partner names), code-tables.ts (Comtrade and Census
// codes), partner-index.ts (the name index), korean-names.ts, partner-lookup.ts, code-systems.ts.
export { type CodeSystem, partnerInSystem } from './code-systems.js';
export {
  listedPartner,
  lookupPartner,
  partnerHint,
  partnerSuggestion,
  reporterCode,
  suggestPartner,
} from './partner-lookup.js';
export {
  CENSUS_CODES,
  COMTRADE_CODES,
  GROUP_ALIASES,
  REMAINDER_ALIASES,
  TRADE_ALIASES,
  WORLD_ALIASES,
} from './partner-names.js';
export { countryName, type Partner, type PartnerKind, partnerKey } from './partner-type.js';
export { standInCode } from './stand-ins.js';
