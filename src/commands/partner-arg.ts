import { lookupPartner, type Partner } from '../catalog/partners.js';
import { UsageError } from '../errors.js';

// Apart from values.ts: --partner is looked up in the partner catalog when a command runs, not when its
// flags are declared.

/** A --partner value as a partner; an aggregate (World, a group, "All other") is a usage error. */
export function partnerArg(text: string): Partner {
  const p = lookupPartner(text);
  if (p.kind === 'world' || p.kind === 'group' || p.kind === 'remainder') {
    throw new UsageError(`--partner "${text}" is an aggregate row (${p.kind}), not a partner`);
  }
  return p;
}
