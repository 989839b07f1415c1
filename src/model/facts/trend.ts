/**
 * The facts of each note the trend step writes, by note code: what src/output/notes/trend.ts words.
 * Add an entry here and a wording there for each note of this area (issue 10: facts travel as data).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the notes of this area move to facts
export interface TrendFacts {}
