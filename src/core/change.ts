/** A figure against the same figure before: the previous value, the change, and the change as a fraction. */
export interface Change {
  previousValueUsd: number | null;
  changeUsd: number | null;
  /** null when there is no previous value, or it is 0. */
  changeFraction: number | null;
}

/** The change from `before` to `value`; every field null when there is no `before`. */
export function changeOf(value: number, before: number | undefined): Change {
  if (before === undefined) return { previousValueUsd: null, changeUsd: null, changeFraction: null };
  return {
    previousValueUsd: before,
    changeUsd: value - before,
    changeFraction: before === 0 ? null : (value - before) / before,
  };
}
