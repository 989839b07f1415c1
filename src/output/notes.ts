import { capText } from '../model/caps.js';
import type { Note, NoteFacts } from '../model/notes.js';
import { BALANCE_WORDS } from './notes/balance.js';
import { BREAKDOWN_WORDS } from './notes/breakdown.js';
import { CHECK_WORDS } from './notes/check.js';
import { READ_WORDS } from './notes/read.js';
import { SHARE_WORDS } from './notes/share.js';
import { TREND_WORDS } from './notes/trend.js';
import type { Words } from './notes/words.js';

// Codes that several steps write, each in its own words: the facts' shape says whose note it is.
const SHARED_CODES: Pick<Words<NoteFacts>, 'default-year' | 'no-partner-detail' | 'partner-stand-in'> = {
  'default-year': (f) =>
    'partner' in f ? BREAKDOWN_WORDS['default-year'](f) : SHARE_WORDS['default-year'](f),
  'no-partner-detail': (f) =>
    'years' in f ? TREND_WORDS['no-partner-detail'](f) : SHARE_WORDS['no-partner-detail'](f),
  'partner-stand-in': (f) =>
    'area' in f ? TREND_WORDS['partner-stand-in'](f) : SHARE_WORDS['partner-stand-in'](f),
};

const WORDS: Words<NoteFacts> = {
  ...READ_WORDS,
  ...SHARE_WORDS,
  ...TREND_WORDS,
  ...BREAKDOWN_WORDS,
  ...CHECK_WORDS,
  ...BALANCE_WORDS,
  ...SHARED_CODES,
};

/** A note in words: its scope, then what its facts say; capped at MESSAGE_CAP characters. */
export function noteText(n: Note): string {
  // A note's facts are the ones its code's words take (FactNote pairs them); TS cannot follow the pair.
  const text = (WORDS[n.code] as (facts: unknown) => string)(n.facts);
  return capText(n.scope ? `${n.scope}: ${text}` : text);
}

/** A note as the JSON outputs give it: level, code, message and (where it counts something) count. */
export function noteJson(n: Note): {
  level: Note['level'];
  code: Note['code'];
  message: string;
  count?: number;
} {
  return {
    level: n.level,
    code: n.code,
    message: noteText(n),
    ...(n.count !== undefined ? { count: n.count } : {}),
  };
}
