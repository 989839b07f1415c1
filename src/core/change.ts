import { minus, ratio, type Usd } from '../model/usd.js';

/** A figure against the same figure before: the previous value, the change, and the change as a fraction. */
export interface Change {
  previousValueUsd: Usd | null;
  changeUsd: Usd | null;
  /** null when there is no previous value, or it is 0. */
  changeFraction: number | null;
}

/** The change from `before` to `value`; every field null when there is no `before`. */
export function changeOf(value: Usd, before: Usd | undefined): Change {
  if (before === undefined) return { previousValueUsd: null, changeUsd: null, changeFraction: null };
  const change = minus(value, before);
  return {
    previousValueUsd: before,
    changeUsd: change,
    changeFraction: before === 0 ? null : ratio(change, before),
  };
}
