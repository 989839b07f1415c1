import { baci } from './baci.js';
import { canonical } from './canonical.js';
import { census } from './census.js';
import { comtradeLegacy } from './comtrade-legacy.js';
import { comtradePlus } from './comtrade-plus.js';
import { comtradr } from './comtradr.js';
import { dataweb } from './dataweb.js';
import { otexa } from './otexa.js';
import { type HeaderView, headerView, type ProfileName, type SourceProfile } from './types.js';
import { wits } from './wits.js';

/** Every profile, most specific first; canonical, the fallback, last. Adding a source = adding one here. */
export const PROFILES: readonly SourceProfile[] = [
  comtradePlus,
  comtradr,
  comtradeLegacy,
  census,
  dataweb,
  wits,
  baci,
  otexa,
  canonical,
];

/** A profile recognised from a header, and the variant of it. */
export interface Detected {
  profile: SourceProfile;
  variant: string;
}

/** The profile a header belongs to (canonical when no other recognises it). */
export function detectProfile(header: readonly string[] | HeaderView): Detected {
  const view = Array.isArray(header) ? headerView(header) : (header as HeaderView);
  for (const profile of PROFILES) {
    const variant = profile.detect(view);
    if (variant !== undefined) return { profile, variant };
  }
  return { profile: canonical, variant: '' };
}

/** The profile of a --layout name. */
export function profileByName(name: ProfileName): SourceProfile {
  return PROFILES.find((p) => p.name === name) ?? canonical;
}

/** A profile's name for people ("UN Comtrade Plus (v1 API)"), with its variant. */
export function profileLabel(name: string, variant?: string): string {
  const label = PROFILES.find((p) => p.name === name)?.label ?? name;
  return variant ? `${label}, ${variant}` : label;
}

/** What each profile expects, for the message when a header matches none (canonical's fallback fails too). */
export function expectedHeaders(): string[] {
  return PROFILES.map((p) => p.expects);
}
