// UN Comtrade's area codes and US Census Schedule C, as partners: the tables behind the code systems
// (code-systems.ts), whose names also feed the name index (partner-index.ts).
import censusList from './data/census-schedule-c.json' with { type: 'json' };
import comtradeList from './data/comtrade-areas.json' with { type: 'json' };
import { countries, countryName, type Partner } from './partner-type.js';
import { OTHER_ASIA, WORLD } from './stand-ins.js';

interface AreaEntry {
  code: number;
  name: string;
  iso3: string | null;
  iso2: string | null;
  kind: string;
}

interface CensusEntry {
  code: string;
  name: string;
  iso2: string | null;
}

/** Census Schedule C countries (code, name, ISO alpha-2 where it has one). */
export const CENSUS_COUNTRIES: readonly CensusEntry[] = (censusList as { countries: CensusEntry[] })
  .countries;
/** Census Schedule C groups (0003, 1XXX, ...). */
export const CENSUS_GROUPS: ReadonlyArray<{ code: string; name: string }> = (
  censusList as { groups: Array<{ code: string; name: string }> }
).groups;

/** Comtrade partners by numeric code ("842" the USA, "0" World, "899" Areas, nes). */
export const comtradeByCode = new Map<string, Partner>();
/** Comtrade's ISO-like codes of areas that are not countries (W00, S19, X1, _X). */
export const comtradeByIso = new Map<string, Partner>();
for (const a of (comtradeList as { areas: AreaEntry[] }).areas) {
  let p: Partner;
  if (a.code === 490) p = OTHER_ASIA;
  else if (a.kind === 'world') p = WORLD;
  else if (a.kind === 'country' && a.iso2 && countries.isValid(a.iso2)) {
    p = { kind: 'country', code: a.iso2, name: countryName(a.iso2) };
  } else if (a.kind === 'country') p = { kind: 'unknown', code: a.name, name: a.name };
  else p = { kind: a.kind === 'group' ? 'group' : 'pseudo', code: a.name, name: a.name };
  comtradeByCode.set(String(a.code), p);
  if (a.iso3 && p.kind !== 'country') comtradeByIso.set(a.iso3.trim().toUpperCase(), p);
}
comtradeByIso.set('S19', OTHER_ASIA);
comtradeByIso.set('W00', WORLD);
comtradeByIso.set('WLD', WORLD);

/** Census Schedule C partners by code ("5800" Korea, "0003" and "1XXX" groups). */
export const censusByCode = new Map<string, Partner>();
for (const c of CENSUS_COUNTRIES) {
  censusByCode.set(
    c.code,
    c.iso2 && countries.isValid(c.iso2)
      ? { kind: 'country', code: c.iso2, name: countryName(c.iso2) }
      : { kind: 'unknown', code: c.name, name: c.name },
  );
}
for (const g of CENSUS_GROUPS) censusByCode.set(g.code, { kind: 'group', code: g.name, name: g.name });
