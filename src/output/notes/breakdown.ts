import type { BreakdownFacts } from '../../model/facts/breakdown.js';
import type { Words } from './words.js';

/** The words of each breakdown note, made from its facts. */
export const BREAKDOWN_WORDS: Words<BreakdownFacts> = {};
