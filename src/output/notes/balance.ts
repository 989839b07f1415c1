import { yearList } from '../../core/share/index.js';
import type { BalanceFacts } from '../../model/facts/balance.js';
import { counted } from '../format.js';
import type { Words } from './words.js';

/** The words of each balance note, made from its facts. */
export const BALANCE_WORDS: Words<BalanceFacts> = {
  'summed-totals': (f) =>
    `${f.flow} in ${yearList(f.years)}: the data has no World/total row, so the total is the sum of the ${f.partners.length} listed partner${f.partners.length === 1 ? '' : 's'} (${f.partners.slice(0, 5).join(', ')}${f.partners.length > 5 ? ', ...' : ''}), not the reporter's trade with the world`,
  'missing-flow': (f) =>
    `${counted(f.rows, 'row')} ${f.rows === 1 ? 'has' : 'have'} no ${f.flow} figure in the data (${f.examples.join(', ')}${f.rows > f.examples.length ? ', ...' : ''}): ${f.rows === 1 ? 'its' : 'their'} balance is left out ("–"), never computed with ${f.flow} of 0`,
};
