import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeJsonText } from '../../src/output/safe.js';
import { run } from '../helpers.js';

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a CSI to a terminal), bidi
// controls and U+2028/9 raw: `korus-stats ... --json` printed to a terminal must not act on them either.
const HOSTILE = 'A\u007f\u0085\u009b31m\u202eB\u2066\u2028\u2029\ufffeC';
const RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;

describe('escapeJsonText', () => {
  it('writes the characters a terminal acts on as \\u escapes, keeping the value', () => {
    const json = JSON.stringify({ name: HOSTILE });
    const safe = escapeJsonText(json);
    expect(RAW.test(safe)).toBe(false);
    expect(JSON.parse(safe)).toEqual({ name: HOSTILE });
    expect(escapeJsonText('{"a":"plain"}')).toBe('{"a":"plain"}');
  });
});

describe('JSON outputs of data holding them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'korus-safety-json-'));
  const data = join(dir, 'c1.csv');
  writeFileSync(
    data,
    `year,partner,category,value_usd\n2016,World,apparel,100\n2016,"${HOSTILE}",apparel,40\n2016,KR,apparel,5\n`,
  );
  it.each([
    ['share', ['share', '--data', data, '--category', 'apparel', '--year', '2016', '--json']],
    ['trend', ['trend', '--data', data, '--category', 'apparel', '--top', '3', '--json']],
    ['validate', ['validate', data, '--format', 'json']],
  ])('%s --json: no raw DEL, C1 or bidi character, and the name reads back whole', async (_, argv) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(0);
    expect(RAW.test(r.stdout)).toBe(false);
    const parsed = JSON.parse(r.stdout);
    // The reader folds runs of white space (U+2028 and U+2029 among them) into one space, as in every name.
    const name = HOSTILE.replace(/\s+/g, ' ');
    if (_ !== 'validate') expect(JSON.stringify(parsed)).toContain(JSON.stringify(name).slice(1, -1));
  });
});
