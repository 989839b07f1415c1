import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, writeChunks } from '../../src/output/json-writer.js';
import { escapeJsonText } from '../../src/output/safe.js';
import { run } from '../helpers.js';

// JSON.stringify's bytes, with the characters a terminal acts on (C1, bidi, U+2028/9) as \u escapes.
const stringify = (v: unknown): string => `${escapeJsonText(JSON.stringify(v, null, 2))}\n`;

describe('the streaming JSON writer', () => {
  it('writes the bytes of JSON.stringify(value, null, 2) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect([...jsonChunks(v)].join('')).toBe(stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it('follows JSON.stringify on undefined, functions, toJSON, -0, non-finite numbers and escapes', () => {
    const v = {
      a: undefined,
      f: () => 1,
      d: new Date(0),
      list: [undefined, () => 1, Number.NaN, -0, Number.POSITIVE_INFINITY, 1e21, 5e-7],
      s: '\u0000\u001b"\\\u2028\ud800',
      nested: { empty: {}, none: [], k: { toJSON: () => 'j' } },
      '': 1,
      __proto__: null,
    };
    expect([...jsonChunks(v)].join('')).toBe(stringify(v));
  });

  it('writes a BigInt as an integer literal with every digit', () => {
    const text = [...jsonChunks({ total: 123456789012345678901234567890n, list: [-9007199254740993n] })].join(
      '',
    );
    expect(text).toBe(
      '{\n  "total": 123456789012345678901234567890,\n  "list": [\n    -9007199254740993\n  ]\n}\n',
    );
  });

  it('never holds the whole document as one string: chunks of about 64 KiB', () => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({ i, name: `partner ${i}`, share: i / 20000 }));
    const chunks = [...jsonChunks({ rows })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(stringify({ rows }));
  });

  it('waits for a slow stream to drain (backpressure)', async () => {
    const got: string[] = [];
    let pending = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk, _enc, done) {
        pending++;
        setTimeout(() => {
          got.push(chunk.toString());
          pending--;
          done();
        }, 1);
      },
    });
    let maxBuffered = 0;
    const chunks = (function* () {
      for (const c of jsonChunks({
        rows: Array.from({ length: 5000 }, (_, i) => ({ i, x: 'y'.repeat(50) })),
      })) {
        maxBuffered = Math.max(maxBuffered, slow.writableLength);
        yield c;
      }
    })();
    await writeChunks(slow, chunks);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(pending).toBe(0);
    // One chunk in flight at most: the writer waited for 'drain' before making the next.
    expect(maxBuffered).toBeLessThan(70_000);
    expect(got.join('')).toBe(
      stringify({ rows: Array.from({ length: 5000 }, (_, i) => ({ i, x: 'y'.repeat(50) })) }),
    );
  });

  it('share on 60,000 partners: a JSON output of tens of MB parses and equals the non-streamed text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-json-'));
    const f = join(dir, 'many.csv');
    const lines = ['year,partner,category,value_usd'];
    for (let i = 0; i < 60000; i++) lines.push(`2016,Partner number ${i} of many,apparel,${1000 + i}`);
    writeFileSync(f, `${lines.join('\n')}\n`);
    const r = await run(['share', '--data', f, '--category', 'apparel', '--json', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(15_000_000);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.rows).toHaveLength(60000);
    expect(r.stdout).toBe(stringify(parsed));
  });
});
