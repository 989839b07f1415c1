import type { Partner } from './partner-type.js';

/** The total over all partners, as every code system's World row resolves. */
export const WORLD: Partner = { kind: 'world', code: 'WLD', name: 'World' };

/** Comtrade's 490 "Other Asia, nes": a country's trade under an area's name (see README, "Partners"). */
export const OTHER_ASIA: Partner = {
  kind: 'country',
  code: 'S19',
  name: 'Other Asia, nes',
  standsFor: 'TW',
};

/** The code of the stand-in a source reports a country's trade under, if any (TW: S19, "Other Asia, nes"). */
export function standInCode(alpha2: string): string | undefined {
  return OTHER_ASIA.standsFor === alpha2 ? OTHER_ASIA.code : undefined;
}

/** Names of areas that are not countries, whatever the source: "..., nes", Bunkers, Unspecified. */
export const PSEUDO_NAME =
  /(^|[\s,(])(nes|n\.e\.s\.?|not elsewhere specified)([\s,)]|$)|^(bunkers|free zones|special categories|unspecified|not specified|unknown|confidential)$/i;
