import type { Writable } from 'node:stream';
import { escapeJsonText } from './safe.js';

/** Chunks are cut at about this many characters: large enough to write fast, far below V8's string limit. */
const CHUNK = 1 << 16;

/**
 * The text of `JSON.stringify(value, null, 2)` plus a newline, byte for byte, in chunks of about 64 KiB,
 * so a document of any size is never held as one string. Unlike JSON.stringify it writes a BigInt as an
 * integer literal with every digit (whole-dollar sums past 2^53), and writes DEL, C1 controls, bidi controls
 * and U+2028/9 as \u escapes (escapeJsonText: same values). A non-finite number is a bug upstream:
 * it is written as null, as JSON.stringify does.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  for (const chunk of rawChunks(value)) yield escapeJsonText(chunk);
}

function* rawChunks(value: unknown): Generator<string> {
  const out = new JsonOut(2);
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
  // V8 joins appended strings lazily (ropes): cheaper than an array of parts.
  private buf = '';
  private readonly keys = new Map<string, string>();

  constructor(private readonly indent: number) {}

  push(s: string): void {
    this.buf += s;
  }

  get size(): number {
    return this.buf.length;
  }

  take(): string {
    const s = this.buf;
    this.buf = '';
    return s;
  }

  private readonly pads: string[] = [];
  private deeper(pad: string): string {
    const depth = pad.length / (this.indent || 1);
    let p = this.pads[depth];
    if (p === undefined) {
      p = pad + ' '.repeat(this.indent);
      this.pads[depth] = p;
    }
    return p;
  }

  /** A key as written, quoted and escaped once: rows repeat the same keys. */
  private key(k: string): string {
    let q = this.keys.get(k);
    if (q === undefined) {
      q = `${JSON.stringify(k)}: `;
      if (this.keys.size < 10_000) this.keys.set(k, q);
    }
    return q;
  }

  /** Writes a value whose toJSON has been called (JSON.stringify's SerializeJSONProperty), in chunks. */
  *value(v: unknown, pad: string): Generator<string> {
    if (this.scalar(v)) return;
    const size = small(v, 3);
    // A small part without BigInts is JSON.stringify's own, indented to its place (strings hold no newline).
    if (size === 1)
      this.push(pad ? JSON.stringify(v, null, 2).replace(/\n/g, `\n${pad}`) : JSON.stringify(v, null, 2));
    else if (size === 2) this.flat(v as object, pad);
    else if (Array.isArray(v)) yield* this.array(v, pad);
    else yield* this.object(v as Record<string, unknown>, pad);
  }

  // Everything but an array or an object is written here, without a generator: most values are these.
  private scalar(v: unknown): boolean {
    switch (typeof v) {
      case 'string':
        this.push(JSON.stringify(v));
        return true;
      case 'number':
        this.push(Number.isFinite(v) ? String(v) : 'null');
        return true;
      case 'bigint':
        this.push(v.toString());
        return true;
      case 'boolean':
        this.push(v ? 'true' : 'false');
        return true;
      case 'object':
        if (v === null) this.push('null');
        else if (v instanceof Number || v instanceof String || v instanceof Boolean)
          this.push(JSON.stringify(v));
        else return false;
        return true;
      default:
        // undefined, a function or a symbol: left out of objects (see object()), null in arrays.
        this.push('null');
        return true;
    }
  }

  // A small array or object (a row of a table) is written without generators: they cost more than the row.
  private flat(o: object, pad: string): void {
    const inner = this.deeper(pad);
    if (Array.isArray(o)) {
      if (o.length === 0) {
        this.push('[]');
        return;
      }
      this.push('[');
      for (let i = 0; i < o.length; i++) {
        this.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
        const v = resolved(o[i], i);
        if (!this.scalar(v)) this.flat(v as object, inner);
      }
      this.push(`\n${pad}]`);
      return;
    }
    let first = true;
    for (const k of Object.keys(o)) {
      const v = resolved((o as Record<string, unknown>)[k], k);
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.push(`${first ? '{' : ','}\n${inner}${this.key(k)}`);
      first = false;
      if (!this.scalar(v)) this.flat(v as object, inner);
    }
    this.push(first ? '{}' : `\n${pad}}`);
  }

  private *array(a: unknown[], pad: string): Generator<string> {
    if (a.length === 0) {
      this.push('[]');
      return;
    }
    const inner = this.deeper(pad);
    this.push('[');
    for (let i = 0; i < a.length; i++) {
      this.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const v = resolved(a[i], i);
      if (!this.scalar(v)) yield* this.value(v, inner);
      if (this.size >= CHUNK) yield this.take();
    }
    this.push(`\n${pad}]`);
  }

  private *object(o: Record<string, unknown>, pad: string): Generator<string> {
    const inner = this.deeper(pad);
    let first = true;
    for (const k of Object.keys(o)) {
      const v = resolved(o[k], k);
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.push(`${first ? '{' : ','}\n${inner}${this.key(k)}`);
      first = false;
      if (!this.scalar(v)) yield* this.value(v, inner);
    }
    if (this.size >= CHUNK) yield this.take();
    this.push(first ? '{}' : `\n${pad}}`);
  }
}

/**
 * Whether an array or object is small enough to write at once (few elements, a few levels deep): 0 when
 * it is not, 1 when it is, 2 when it is and holds a BigInt (which JSON.stringify refuses).
 */
function small(v: unknown, depth: number): 0 | 1 | 2 {
  if (typeof v === 'bigint') return 2;
  if (typeof v !== 'object' || v === null) return 1;
  if (depth === 0) return 0;
  let out: 1 | 2 = 1;
  if (Array.isArray(v)) {
    if (v.length > 64) return 0;
    for (const x of v) {
      const s = small(x, depth - 1);
      if (s === 0) return 0;
      if (s === 2) out = 2;
    }
    return out;
  }
  let n = 0;
  for (const k in v) {
    if (++n > 64) return 0;
    const s = small((v as Record<string, unknown>)[k], depth - 1);
    if (s === 0) return 0;
    if (s === 2) out = 2;
  }
  return out;
}

/** A value as JSON.stringify sees it: what its toJSON returns (a Date's text), else itself. */
function resolved(v: unknown, key: string | number): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: (k: string) => unknown }).toJSON(String(key));
  }
  return v;
}
