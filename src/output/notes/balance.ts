import type { BalanceFacts } from '../../model/facts/balance.js';
import type { Words } from './words.js';

/** The words of each balance note, made from its facts. */
export const BALANCE_WORDS: Words<BalanceFacts> = {
  'missing-flow': (f) =>
    `${f.rows} row${f.rows === 1 ? ' has' : 's have'} no ${f.flow} figure in the data (${f.examples.join(', ')}${f.rows > f.examples.length ? ', ...' : ''}): ${f.rows === 1 ? 'its' : 'their'} balance is left out ("–"), never computed with ${f.flow} of 0`,
};
