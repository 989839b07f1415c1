// The output formats each command offers: its --format choices, known when the command is declared, so
// declaring every command (for --help, --version) loads no renderer.

/** Every output format there is; each result states which of them it offers (Renderable.formats). */
export const FORMATS = [
  'table',
  'json',
  'jsonl',
  'csv',
  'markdown',
  'svg',
  'text',
  'github',
  'junit',
] as const;
export type Format = (typeof FORMATS)[number];

/** The formats of a result that is a table: for people, for scripts, for reports. */
export const TABLE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const satisfies readonly Format[];

/** The formats of an analysis's table: a table, and its rows as JSON Lines (one record per CSV row). */
export const ROW_FORMATS = [...TABLE_FORMATS, 'jsonl'] as const satisfies readonly Format[];

/** The formats of a table that can also be drawn as a chart. */
export const CHART_FORMATS = [...ROW_FORMATS, 'svg'] as const satisfies readonly Format[];

/** How values are shown in tables: human units (US$251m) or millions with separators (45,221). */
export const UNIT_STYLES = ['human', 'millions'] as const;
export type UnitStyle = (typeof UNIT_STYLES)[number];

/** The formats of share, trend and balance results: a table, and a chart (svg). */
export const SHARE_FORMATS = CHART_FORMATS;
export const TREND_FORMATS = CHART_FORMATS;
export const BALANCE_FORMATS = CHART_FORMATS;

/** The formats of breakdown and categories: tables (overlapping categories make a misleading bar chart). */
export const BREAKDOWN_FORMATS = ROW_FORMATS;
export const CATEGORIES_FORMATS = TABLE_FORMATS;

/** Output formats of `check`: text for people, JSON, GitHub workflow commands, JUnit XML, Markdown. */
export const CHECK_FORMATS = [
  'table',
  'json',
  'github',
  'junit',
  'markdown',
] as const satisfies readonly Format[];

/**
 * The report formats of `validate`: `table` (for people, the name every command uses; `text` is the same,
 * kept for the scripts that name it), JSON, GitHub annotations, JUnit.
 */
export const REPORT_FORMATS = [
  'table',
  'text',
  'json',
  'github',
  'junit',
] as const satisfies readonly Format[];

/** What a trend chart plots (--plot). */
export const TREND_MEASURES = ['value', 'share'] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];
