// The trend of partners' values and shares over a range of years, built from one ShareResult a year.

export { directionOf, growthRate } from './direction.js';
export { trendOf } from './result.js';
export {
  type ConcentrationPoint,
  DEFAULT_TOP,
  type Direction,
  type DirectionCount,
  type Gap,
  SHARE_FLAT_PP,
  type TotalPoint,
  type TrendInput,
  type TrendPoint,
  type TrendResult,
  type TrendSeries,
  type TrendTotal,
  VALUE_FLAT_FRACTION,
  type WantedPartner,
} from './types.js';
