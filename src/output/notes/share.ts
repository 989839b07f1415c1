import type { ShareFacts } from '../../model/facts/share.js';
import type { Words } from './words.js';

/** The words of each share note, made from its facts. */
export const SHARE_WORDS: Words<ShareFacts> = {};
