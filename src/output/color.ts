import { Chalk, type ChalkInstance } from 'chalk';
import type { OutStream } from '../io.js';

/**
 * The color level for one stream: --no-color wins, then FORCE_COLOR, then the stream's own
 * getColorDepth() (which honours NO_COLOR and TERM=dumb); a pipe or file gets none.
 */
export function colorLevel(stream: OutStream, env: NodeJS.ProcessEnv, enabled = true): 0 | 1 | 2 | 3 {
  if (!enabled) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n === 2 || n === 3 ? n : 1;
  }
  if (!stream.isTTY || typeof stream.getColorDepth !== 'function') return 0;
  const depth = stream.getColorDepth(env);
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

/** A chalk instance that colors for `stream` only as far as it should. */
export function chalkFor(stream: OutStream, env: NodeJS.ProcessEnv, enabled = true): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env, enabled) });
}
