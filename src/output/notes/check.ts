import type { CheckFacts } from '../../model/facts/check.js';
import type { Words } from './words.js';

/** The words of each check note, made from its facts. */
export const CHECK_WORDS: Words<CheckFacts> = {};
