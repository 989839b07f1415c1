/**
 * Caps for the text of messages (errors, hints, warnings, notes): pure, so every layer that words a
 * message or lists facts in one can bound it. A list says "and N more"; a long text, how much was cut.
 */

/** At most this many characters of a message (error, hint, warning, note) are shown. */
export const MESSAGE_CAP = 1000;
/** At most this many characters of a list inside a message; the rest are counted ("and 12 more"). */
export const LIST_CAP = 200;
/** `text` cut to `max` characters, saying how many were left out; a surrogate pair is never split. */
export function capText(text: string, max = MESSAGE_CAP): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${(text.length - end).toLocaleString('en-US')} more characters)`;
}

/**
 * A list for a message: as many items as fit in `max` characters (at least one, itself capped), then
 * "and N more".
 */
export function listText(items: readonly string[], separator = ', ', max = LIST_CAP): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const next = length + (shown.length ? separator.length : 0) + item.length;
    if (shown.length && next > max) break;
    shown.push(shown.length ? item : capText(item, max));
    length = next;
  }
  const more = items.length - shown.length;
  return more ? `${shown.join(separator)} and ${more.toLocaleString('en-US')} more` : shown.join(separator);
}
