import type { TrendResult } from '../core/trend/index.js';
import { noteJson } from './notes.js';
import type { Renderable, UnitStyle } from './render.js';
import { type TrendMeasure, trendSvg } from './svg-trend.js';
import { trendCsv } from './trend-csv.js';
import { trendTable } from './trend-table.js';
import { seriesVerdict, totalVerdict } from './trend-words.js';

/** The version of the `trend` JSON shape (schemas/trend.schema.json); bumped on any breaking change. */
export const TREND_SCHEMA_VERSION = 1;

/** How a trend is drawn: units in tables, ASCII sparklines, and what the SVG chart plots. */
export interface TrendView {
  units: UnitStyle;
  ascii: boolean;
  measure: TrendMeasure;
}

/** The trend result as the documented JSON object (each verdict in words, where it always stood). */
export function trendJson(r: TrendResult): object {
  const { direction, ...total } = r.total;
  return {
    schemaVersion: TREND_SCHEMA_VERSION,
    command: 'trend',
    ...r,
    series: r.series.map((s) => {
      const { directions, ...head } = s;
      return { ...head, verdict: seriesVerdict(s), directions };
    }),
    total: { ...total, verdict: totalVerdict(r.total), direction },
    notes: r.notes.map(noteJson),
  };
}

/** The formats of a trend: a table, and a line chart (svg). */
import { TREND_FORMATS } from './formats.js';

export { TREND_FORMATS };

/** A trend in every format it offers, for render() (svg: a line chart). */
export function renderTrend(r: TrendResult, view: TrendView): Renderable {
  return {
    command: 'trend',
    formats: TREND_FORMATS,
    json: () => trendJson(r),
    csv: () => trendCsv(r),
    table: () => trendTable(r, view),
    svg: () => trendSvg(r, view.measure),
  };
}
