import type { Flow } from '../catalog/flows.js';

/** The kinds of expectation a rules file can state. */
export const RULE_TYPES = [
  'share',
  'total',
  'partner-present',
  'rows',
  'change',
  'value',
  'balance',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** One named expectation of a rules file, checked and with its defaults filled in. */
export interface CheckRule {
  name: string;
  type: RuleType;
  category: string;
  /** Undefined: the latest year with data for the category (as `share` does); `rows` rules always name one. */
  year?: number;
  /** As written in the file; its catalog code is found when the rule is measured. */
  partner?: string;
  /** Null for a balance rule: it reads both flows (exports minus imports). */
  flow: Flow | null;
  reporter?: string;
  source?: string;
  /** Paths as written in the file, relative to the file's folder. */
  data?: string[];
  /** Inclusive bounds: fractions (share, change), US dollars (total, value, balance), a count (rows). */
  min?: number;
  max?: number;
  description?: string;
  /** 1-based line of the rule in its file (its "name", else its opening brace). */
  line: number;
}

/** A rules file, checked: what src/data/rules-file.ts reads and src/core/check.ts evaluates. */
export interface RulesFile {
  /** The file as named to the user. */
  file: string;
  /** Default data for rules without their own, relative to the file's folder. */
  data?: string[];
  rules: CheckRule[];
}
