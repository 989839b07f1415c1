/**
 * The output-safety layer: every string that came from data, file names or config files passes through
 * one of these before it is written. Terminals get control characters shown escaped, XML gets only the
 * characters XML 1.0 allows, CSV cells cannot start a formula, Markdown cells cannot end a cell or a row,
 * and every message is capped at a few hundred characters.
 */
import { capText, MESSAGE_CAP } from '../model/caps.js';

// C0 controls (with TAB, LF, CR), DEL, C1 controls; the bidi embeddings, overrides and isolates, the
// marks that reorder text (ALM, LRM, RLM), and the Unicode line and paragraph separators: each can
// move the cursor, recolour, retitle or reorder what a terminal shows. And U+FFFE, U+FFFF: no text.
// The characters past C0 are one list, shared with escapeJsonText (JSON.stringify escapes C0 itself).
const PAST_C0 =
  '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${PAST_C0}]`, 'g');
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Text for a terminal or log: control and bidi characters shown escaped (\n, \x1b, \u009b, \u202e, \ufffe). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code < 0x80
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text whose lines no CI runner reads as a workflow command: GitHub Actions runs any line that starts,
 * after spaces, with `::` (a file name at the start of validate's lines, say), so that `::` becomes `\x3a:`.
 */
export function guardLines(text: string): string {
  return text.replace(/^([ \t]*)::/gm, '$1\\x3a:');
}

/** At most this many characters of a table cell. */
export const CELL_CAP = 200;

/** A message for stderr: capped, then escaped for the terminal. */
export function safeMessage(text: string, max = MESSAGE_CAP): string {
  return escapeControls(capText(text, max));
}

/** A table cell for a terminal: capped, then escaped. */
export function safeCell(text: string): string {
  return escapeControls(capText(text, CELL_CAP));
}

/**
 * A GitHub-flavoured Markdown table cell (or list item): escaped, with `|` as `\|`, and `<` as `&lt;`
 * where it could open an HTML tag or comment (a job summary renders HTML); `<0.01%` stays as it is.
 */
export function markdownCell(text: string): string {
  return safeCell(text)
    .replace(/\|/g, '\\|')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}

// Every character outside XML 1.0's Char production (lone surrogates included, under the u flag).
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/**
 * Text for XML element content and attribute values (SVG, JUnit): markup escaped, CR kept as &#13; (a
 * parser would turn it into LF), and every character XML 1.0 does not allow (C0 controls but TAB, LF
 * and CR; U+FFFE, U+FFFF; lone surrogates) dropped.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"'\r]/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

// A cell a spreadsheet would read as a formula (OWASP's list), unless it is a plain number such as -5.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell that no spreadsheet runs: one starting with = + - @ TAB or CR gets a leading '. */
export function csvCellSafe(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

// What JSON.stringify leaves raw although a terminal acts on it (DEL, C1 controls such as U+009B, a CSI) or
// reorders text by it (bidi controls, line separators); U+FFFE and U+FFFF, which are no text. In JSON they
// can stand only inside strings, so a \u escape keeps the value and the document exact.
const JSON_RAW = new RegExp(`[${PAST_C0}]`, 'g');

/** JSON text with the characters above written as \u escapes: the same values, safe in a terminal. */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
