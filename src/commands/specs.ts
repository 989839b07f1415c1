import {
  BALANCE_FORMATS,
  BREAKDOWN_FORMATS,
  CATEGORIES_FORMATS,
  CHECK_FORMATS,
  REPORT_FORMATS,
  SHARE_FORMATS,
  TREND_FORMATS,
} from '../output/formats.js';
import type { OutputSpec } from './options.js';

// Each command's output flags (its --format choices, tables, notes), known when it is declared and read
// again when it runs: here, so that declaring a command loads nothing of its run.

export const SHARE_OUTPUT: OutputSpec = { formats: SHARE_FORMATS, tables: true, notes: true };
export const TREND_OUTPUT: OutputSpec = { formats: TREND_FORMATS, tables: true, notes: true };
// No bars or sparklines in a breakdown: --units, not --ascii.
export const BREAKDOWN_OUTPUT: OutputSpec = {
  formats: BREAKDOWN_FORMATS,
  tables: true,
  bars: false,
  notes: true,
};
export const BALANCE_OUTPUT: OutputSpec = { formats: BALANCE_FORMATS, tables: true, notes: true };
export const VALIDATE_OUTPUT: OutputSpec = {
  formats: REPORT_FORMATS,
  default: 'table',
  notes: true,
  noun: 'report format',
};
export const CHECK_OUTPUT: OutputSpec = { formats: CHECK_FORMATS, notes: true };
export const CATEGORIES_OUTPUT: OutputSpec = {
  formats: CATEGORIES_FORMATS,
  noColor: 'no colors',
  notes: true,
};

/** How many problems validate's text and GitHub annotations list without --max-errors (JSON and JUnit list all). */
export const DEFAULT_LISTED = 1000;

/** The rules file `check` reads when none is named, in the current directory. */
export const DEFAULT_RULES_FILE = 'korus-stats.checks.json';
