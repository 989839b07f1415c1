import type { Writable } from 'node:stream';

/** Chunks are cut at about this many characters: large enough to write fast, far below V8's string limit. */
const CHUNK = 1 << 16;

/**
 * The text of `JSON.stringify(value, null, indent)` plus a newline, byte for byte, in chunks of about 64 KiB,
 * so a document of any size is never held as one string. Unlike JSON.stringify it writes a BigInt as an
 * integer literal with every digit (whole-dollar sums past 2^53). A non-finite number is a bug upstream:
 * it is written as null, as JSON.stringify does.
 */
export function* jsonChunks(value: unknown, indent = 2): Generator<string> {
  const out = new JsonOut(indent);
  yield* out.value(resolved(value, ''), '');
  out.push('\n');
  yield out.take();
}

/** Writes chunks to a stream, waiting for it to drain when its buffer is full (backpressure). */
export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (chunk === '') continue;
    if (!stream.write(chunk)) await drained(stream);
  }
}

/** Resolves when the stream drains, or is closed or fails (a closed pipe is not waited on for ever). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

class JsonOut {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly indent: number) {}

  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }

  take(): string {
    const s = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return s;
  }

  /** Writes a value whose toJSON has been called (JSON.stringify's SerializeJSONProperty), in chunks. */
  *value(v: unknown, pad: string): Generator<string> {
    switch (typeof v) {
      case 'string':
        this.push(JSON.stringify(v));
        return;
      case 'number':
        this.push(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'bigint':
        this.push(v.toString());
        return;
      case 'boolean':
        this.push(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) this.push('null');
        else if (v instanceof Number || v instanceof String || v instanceof Boolean)
          this.push(JSON.stringify(v));
        else if (Array.isArray(v)) yield* this.array(v, pad);
        else yield* this.object(v as Record<string, unknown>, pad);
        return;
      default:
        // undefined, a function or a symbol: left out of objects (see object()), null in arrays.
        this.push('null');
    }
  }

  private *array(a: unknown[], pad: string): Generator<string> {
    if (a.length === 0) {
      this.push('[]');
      return;
    }
    const inner = pad + ' '.repeat(this.indent);
    this.push('[');
    for (let i = 0; i < a.length; i++) {
      this.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      yield* this.value(resolved(a[i], String(i)), inner);
      if (this.size >= CHUNK) yield this.take();
    }
    this.push(`\n${pad}]`);
  }

  private *object(o: Record<string, unknown>, pad: string): Generator<string> {
    const inner = pad + ' '.repeat(this.indent);
    let first = true;
    for (const k of Object.keys(o)) {
      const v = resolved(o[k], k);
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.push(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `);
      first = false;
      yield* this.value(v, inner);
      if (this.size >= CHUNK) yield this.take();
    }
    this.push(first ? '{}' : `\n${pad}}`);
  }
}

/** A value as JSON.stringify sees it: what its toJSON returns (a Date's text), else itself. */
function resolved(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  return v;
}
