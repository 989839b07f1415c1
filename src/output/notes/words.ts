/** The wording of each note code of one area: a function of that note's facts. */
export type Words<F> = { [C in keyof F]: (facts: F[C]) => string };
