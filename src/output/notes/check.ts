import type { CheckFacts, RulePartner, RuleReason, RuleReasonFacts } from '../../model/facts/check.js';
import type { Words } from './words.js';

/** The words of each check note, made from its facts. */
export const CHECK_WORDS: Words<CheckFacts> = {};

/** "Vietnam (VN)" where the catalog code differs from what the rules file wrote, else as written. */
function partnerText(p: RulePartner): string | undefined {
  return p.code && p.code !== p.written ? `${p.written} (${p.code})` : p.written;
}

/** The words of each reason a rule was not evaluated, made from its facts. */
export const RULE_REASON_WORDS: Words<RuleReasonFacts> = {
  'not-measured': (f) => (f.hint ? `${f.error} (${f.hint})` : f.error),
  'no-partner-row': (f) => `${partnerText(f.partner)} has no ${f.category} ${f.flow} row for ${f.year}`,
  'zero-total': (f) => `the ${f.year} ${f.category} ${f.flow} total is 0: no share`,
  'partner-absent': (f) =>
    `${partnerText(f.partner)} has no ${f.category} ${f.flow} row with a value for ${f.year}`,
  'no-previous-year': (f) => `no ${f.year} ${f.category} ${f.flow} figures to compare with`,
  'previous-zero': (f) =>
    `${f.partner === null ? 'the total' : partnerText(f.partner)} was 0 in ${f.previousYear}: no change as a fraction`,
  'totals-not-comparable': (f) =>
    `the ${f.year} and ${f.previousYear} totals are not comparable (a reported total in one year, a sum of partners in the other)`,
  'missing-flow': (f) => {
    const flows = f.missing.map((m) => m.flow).join(' or ');
    const why = f.missing.flatMap((m) => (m.reason ? [`: ${m.reason}`] : [])).join('');
    return `${partnerText(f.partner)} has no ${f.category} ${flows} figure for ${f.year}${why}; no balance without both flows (a missing flow is never read as 0)`;
  },
};

/** A rule's reason in words (`reason` in the JSON, the line under a failed rule). */
export function reasonText(r: RuleReason): string {
  return (RULE_REASON_WORDS[r.code] as (facts: RuleReason['facts']) => string)(r.facts);
}
