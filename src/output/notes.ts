import type { Note, NoteFacts } from '../model/notes.js';
import { BREAKDOWN_WORDS } from './notes/breakdown.js';
import { CHECK_WORDS } from './notes/check.js';
import { READ_WORDS } from './notes/read.js';
import { SHARE_WORDS } from './notes/share.js';
import { TREND_WORDS } from './notes/trend.js';
import type { Words } from './notes/words.js';

const WORDS: Words<NoteFacts> = {
  ...READ_WORDS,
  ...SHARE_WORDS,
  ...TREND_WORDS,
  ...BREAKDOWN_WORDS,
  ...CHECK_WORDS,
};

/** A note in words: its scope, then what its facts say. */
export function noteText(n: Note): string {
  const f = n as unknown as { code: keyof NoteFacts; facts: unknown };
  const text = 'message' in n ? n.message : (WORDS[f.code] as (facts: unknown) => string)(f.facts);
  return n.scope ? `${n.scope}: ${text}` : text;
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
