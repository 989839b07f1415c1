import type { ReadFacts } from '../../model/facts/read.js';
import type { Words } from './words.js';

/** The words of each read note, made from its facts. */
export const READ_WORDS: Words<ReadFacts> = {};
