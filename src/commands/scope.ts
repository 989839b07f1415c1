import { reporterCode } from '../catalog/partners.js';
import type { Scope, SelectionFlags } from './options.js';

// Apart from options.ts: a reporter is looked up in the partner catalog, which declaring the flags does
// not need (--help and --version load no catalog).

/** The scope the selection flags describe. */
export function scopeOf(flags: SelectionFlags): Scope {
  return {
    flow: flags.flow,
    reporter: flags.reporter ? reporterCode(flags.reporter) : undefined,
    source: flags.source,
  };
}
