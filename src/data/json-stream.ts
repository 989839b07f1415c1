// JSON read as it arrives: @streamparser/json's tokenizer (bytes in, tokens out, UTF-8 and values split
// across chunks put back together), the grammar checked here with an explicit stack (no recursion a
// hostile file could drive), nesting bounded, and every token placed at its line and column.
import { Tokenizer, TokenizerError, TokenType } from '@streamparser/json';
import { InputError } from '../errors.js';
import { ByteLocator } from './json-locator.js';
import type { TextPosition } from './json-position.js';

/** What a JSON token stream tells its reader; `depth` counts the containers around (1 = in the root). */
export interface JsonEvents {
  /** An array or object opens at `offset`, `depth` containers deep once open. */
  open(isObject: boolean, depth: number, offset: number): void;
  close(depth: number, offset: number): void;
  key(name: string, depth: number, offset: number): void;
  /** A string, number (as written: "1.50", "1e3"), true, false or null (as text, null as ''). */
  scalar(text: string, isString: boolean, depth: number, offset: number): void;
}

enum Expect {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  CommaOrClose,
  End,
}

/** Keeps a number's text as written: no rounding through a JavaScript number. */
class TextTokenizer extends Tokenizer {
  override parseNumber(text: string): number {
    return text as unknown as number;
  }
}

const WHAT: Record<number, string> = {
  [TokenType.LEFT_BRACE]: '"{"',
  [TokenType.RIGHT_BRACE]: '"}"',
  [TokenType.LEFT_BRACKET]: '"["',
  [TokenType.RIGHT_BRACKET]: '"]"',
  [TokenType.COLON]: '":"',
  [TokenType.COMMA]: '","',
  [TokenType.STRING]: 'a string',
  [TokenType.NUMBER]: 'a number',
  [TokenType.TRUE]: 'true',
  [TokenType.FALSE]: 'false',
  [TokenType.NULL]: 'null',
};

const EXPECTED: Record<Expect, string> = {
  [Expect.Value]: 'a value',
  [Expect.ValueOrClose]: 'a value or "]"',
  [Expect.KeyOrClose]: 'a key (a string) or "}"',
  [Expect.Key]: 'a key (a string)',
  [Expect.Colon]: '":"',
  [Expect.CommaOrClose]: '"," or the closing bracket',
  [Expect.End]: 'nothing more',
};

/** Limits on a streamed JSON text. */
export interface JsonLimits {
  /** Containers inside one another, the root counted. */
  maxDepth: number;
  /** The longest stretch of bytes without a token ending (one string or number, or white space). */
  maxValueBytes: number;
}

/** A JSON text fed chunk by chunk (UTF-8 bytes); throws InputError at the file:line:column of a fault. */
export class JsonStream {
  private readonly tokenizer = new TextTokenizer({ stringBufferSize: 1 << 16, numberBufferSize: 64 });
  private readonly locator = new ByteLocator();
  /** 1 for each object, 0 for each array, open around the next token. */
  private readonly stack: number[] = [];
  private expect = Expect.Value;
  private lastEnd = 0;

  constructor(
    readonly file: string,
    private readonly events: JsonEvents,
    private readonly limits: JsonLimits,
  ) {
    this.tokenizer.onToken = ({ token, value, offset }) => this.token(token, value, offset);
    // Errors thrown by the events (a row the reader refuses, a bug) pass through as they are: only the
    // tokenizer's own are about the JSON text.
    this.tokenizer.onError = (err) => {
      throw err instanceof TokenizerError ? this.tokenizerError(err.message) : err;
    };
  }

  /** Feeds the next chunk; the events for every token it completes are called before this returns. */
  write(chunk: Uint8Array): void {
    this.locator.push(chunk);
    this.tokenizer.write(chunk);
    const end = this.bytesFed();
    if (end - this.lastEnd > this.limits.maxValueBytes)
      this.fail(
        this.lastEnd,
        `no JSON value ends within ${this.limits.maxValueBytes / 2 ** 20} MiB from here (a string or number longer than that, or that much white space)`,
      );
    this.locator.finish();
  }

  /** Ends the text: throws when it stops inside a value or before its containers are closed. */
  end(): void {
    const at = this.bytesFed();
    this.tokenizer.onError = (err) => {
      if (!(err instanceof TokenizerError)) throw err;
      this.fail(at, 'the JSON text ends inside a value (is the file cut short?)');
    };
    this.tokenizer.end();
    if (this.expect === Expect.Value && this.stack.length === 0)
      this.fail(at, 'no JSON value: the text is empty');
    if (this.stack.length > 0)
      this.fail(
        at,
        `the JSON text ends with ${this.stack.length} bracket${this.stack.length === 1 ? '' : 's'} not closed (is the file cut short?)`,
      );
  }

  /** The line and column of a byte offset not before the last one asked for. */
  positionOf(offset: number): TextPosition {
    return this.locator.positionOf(offset);
  }

  /** The line of a byte offset (cheaper than positionOf). */
  lineOf(offset: number): number {
    return this.locator.lineOf(offset);
  }

  /** Throws an InputError at a byte offset of the text. */
  fail(offset: number, detail: string, hint?: string): never {
    const { line, column } = this.locator.positionOf(offset);
    throw new InputError({ file: this.file, line, column }, detail, hint);
  }

  private bytesFed(): number {
    return (this.tokenizer as unknown as { streamByteLength: number }).streamByteLength;
  }

  private token(token: TokenType, value: unknown, offset: number): void {
    // A token's start is a lower bound of where it ends: a stretch measured from it covers the token.
    this.lastEnd = offset + 1;
    const depth = this.stack.length;
    const inObject = this.stack[depth - 1] === 1;
    const wrong = () =>
      this.fail(
        offset,
        this.expect === Expect.End
          ? `not valid JSON: ${WHAT[token] ?? 'a token'} after the end of the JSON value`
          : `not valid JSON: ${WHAT[token] ?? 'a token'} where ${EXPECTED[this.expect]} was expected`,
      );
    switch (token) {
      case TokenType.LEFT_BRACKET:
      case TokenType.LEFT_BRACE: {
        if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) wrong();
        const isObject = token === TokenType.LEFT_BRACE;
        if (depth + 1 > this.limits.maxDepth)
          this.fail(offset, `JSON nested more than ${this.limits.maxDepth} deep`);
        this.stack.push(isObject ? 1 : 0);
        this.expect = isObject ? Expect.KeyOrClose : Expect.ValueOrClose;
        this.events.open(isObject, depth + 1, offset);
        return;
      }
      case TokenType.RIGHT_BRACKET:
      case TokenType.RIGHT_BRACE: {
        const closesObject = token === TokenType.RIGHT_BRACE;
        const ok = closesObject
          ? inObject && (this.expect === Expect.KeyOrClose || this.expect === Expect.CommaOrClose)
          : depth > 0 &&
            !inObject &&
            (this.expect === Expect.ValueOrClose || this.expect === Expect.CommaOrClose);
        if (!ok) wrong();
        this.stack.pop();
        this.events.close(depth, offset);
        this.afterValue();
        return;
      }
      case TokenType.COLON:
        if (this.expect !== Expect.Colon) wrong();
        this.expect = Expect.Value;
        return;
      case TokenType.COMMA:
        if (this.expect !== Expect.CommaOrClose) wrong();
        this.expect = inObject ? Expect.Key : Expect.Value;
        return;
      case TokenType.STRING:
        if (this.expect === Expect.Key || this.expect === Expect.KeyOrClose) {
          this.expect = Expect.Colon;
          this.events.key(value as string, depth, offset);
          return;
        }
        if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) wrong();
        this.events.scalar(value as string, true, depth, offset);
        this.afterValue();
        return;
      default: {
        if (this.expect !== Expect.Value && this.expect !== Expect.ValueOrClose) wrong();
        const text =
          token === TokenType.NUMBER ? (value as string) : token === TokenType.NULL ? '' : String(value);
        this.events.scalar(text, false, depth, offset);
        this.afterValue();
      }
    }
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? Expect.End : Expect.CommaOrClose;
  }

  private tokenizerError(message: string): InputError {
    const at = /absolute position "(\d+)"/.exec(message);
    const offset = at ? Number(at[1]) : this.bytesFed();
    const ch = /^Unexpected "([\s\S]*?)" at/.exec(message)?.[1];
    const shown = ch === undefined ? 'character' : JSON.stringify(ch);
    const { line, column } = this.locator.positionOf(offset);
    const code = ch?.length === 1 ? ch.charCodeAt(0) : -1;
    const detail =
      this.expect === Expect.End
        ? `not valid JSON: ${shown} after the end of the JSON value`
        : code >= 0 && code < 0x20 && /in state STRING/.test(message)
          ? `not valid JSON: a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) inside a string, where JSON writes it escaped (\\n, \\t, \\u0000)`
          : `not valid JSON: unexpected ${shown}`;
    return new InputError({ file: this.file, line, column }, detail);
  }
}
