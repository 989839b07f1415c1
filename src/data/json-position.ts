// Where things are in a JSON text, for messages that name a line and column: the offset in a JSON.parse
// error, the start of each value by path.

/** A 1-based line and column in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** The offset JSON.parse's error message gives ("... in JSON at position 12"), if it gives one. */
export function jsonErrorOffset(message: string): number | undefined {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** The line and column of an offset (UTF-16 units, as JSON.parse counts them) in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineBreak = -1;
  // indexOf, not a split: JSON inputs may be hundreds of megabytes.
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineBreak = i;
  }
  return { line, column: offset - lineBreak };
}

/**
 * Where each value of a valid JSON text starts (1-based line and column), by path: "" for the root,
 * "rules[2]" for an array element, "rules[2].max" for an object member (at its key, where people look).
 */
export function locateJson(text: string): Map<string, TextPosition> {
  const out = new Map<string, TextPosition>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): TextPosition => ({ line, column: i - lineStart + 1 });
  const space = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        line++;
        i++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else return;
    }
  };
  // Strings of valid JSON hold no raw line breaks, so lines are counted in whitespace only.
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, mark: boolean): void => {
    space();
    if (mark) out.set(path, pos());
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        const at = pos();
        const key = string();
        const member = path ? `${path}.${key}` : key;
        out.set(member, at);
        space();
        i++; // :
        value(member, false);
        space();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, true);
        space();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  value('', true);
  return out;
}
