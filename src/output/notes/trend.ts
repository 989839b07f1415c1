import type { TrendFacts } from '../../model/facts/trend.js';
import type { Words } from './words.js';

/** The words of each trend note, made from its facts. */
export const TREND_WORDS: Words<TrendFacts> = {};
