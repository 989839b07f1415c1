// Rules and categories files from a pull request: bounded in size and nesting before anything walks them,
// every fault at file:line:column, and no message that says a number is not a number.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'korus-config-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const firstLine = (stderr: string) => stderr.split('\n')[0];
const share = (...argv: string[]) => run(['share', '--category', 'apparel', ...argv], { cwd: ROOT });
const rule = (extra: Record<string, unknown>) =>
  JSON.stringify({
    rules: [{ name: 'r', type: 'share', category: 'apparel', year: 2016, partner: 'KR', ...extra }],
  });

describe('nesting 100,000 deep', () => {
  const deep = `{"categories": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

  it('in a categories file: one located line, exit 2', async () => {
    const file = write('deep.categories.json', deep);
    const r = await share('--categories', file);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}:1:47: nested more than 32 deep (arrays and objects inside one another)`,
    );
  });

  it('in a rules file: one located line, exit 2', async () => {
    const file = write('deep.checks.json', `{"rules": [{"name": ${'['.repeat(100_000)}}]}`);
    const r = await run(['check', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}:1:50: nested more than 32 deep (arrays and objects inside one another)`,
    );
  });
});

describe('size', () => {
  const big = `{"categories": [{"name": "x", "hs": ["61"], "note": "${'x'.repeat(5 << 20)}"}]}`;

  it('refuses a categories file over 32 MiB, saying the limit', async () => {
    const file = write('big.categories.json', big.replace('x'.repeat(5 << 20), 'x'.repeat(33 << 20)));
    const r = await share('--categories', file);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}: larger than 32 MiB, the most a categories file may hold`,
    );
  });

  it('refuses a rules file over 4 MiB', async () => {
    const file = write('big.checks.json', big);
    const r = await run(['check', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}: larger than 4 MiB, the most a rules file may hold`,
    );
  });

  it('stops reading an endless file at the limit', async () => {
    const r = await share('--categories', '/dev/zero');
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      'korus-stats: error: /dev/zero: larger than 32 MiB, the most a categories file may hold',
    );
  });
});

describe('numbers a rule cannot hold', () => {
  it('"max": 1e999 is a number too large, not "not a number"', async () => {
    const file = write('inf.checks.json', rule({ max: 0.5 }).replace('"max":0.5', '"max":1e999'));
    expect(readFileSync(file, 'utf8')).toContain('"max":1e999');
    const r = await run(['check', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}:1:86: rule 1 ("r"): "max" is a number too large to hold (beyond 1.8e308)`,
    );
  });

  it('"year": -1e999 is said so, not "null"', async () => {
    const file = write('year.checks.json', rule({}).replace('"year":2016', '"year":-1e999'));
    const r = await run(['check', file], { cwd: ROOT });
    expect(r.stderr).toContain(
      '"year" must be a four-digit year such as 2016, not a number too large to hold (beyond -1.8e308)',
    );
  });

  it('a long value is cut in the message', async () => {
    const file = write('long.checks.json', rule({ type: 'x'.repeat(10_000) }));
    const r = await run(['check', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe(
      `korus-stats: error: ${file}:1:23: rule 1 ("r"): "type" is "${'x'.repeat(60)}"..., not one of share, total, partner-present, rows, change, value, balance`,
    );
  });
});

describe('every categories-file error at its line and column', () => {
  const cases: Array<[string, string, string]> = [
    [
      'not JSON',
      '{"categories": [\n  {"name": "a", "hs": ["61"]},\n]}',
      '3:1: not valid JSON: "]" where a value was expected',
    ],
    ['no array', '{"categorie": []}', '1:1: no "categories" array'],
    ['not an object', '{"categories": [\n  "apparel"]}', '2:3: category 1 must be an object, not a string'],
    [
      'no name',
      '{"categories": [\n  {"hs": ["61"]}]}',
      '2:3: category 1 needs a name and a non-empty hs list',
    ],
    [
      'numeric code',
      '{"categories": [\n  {"name": "a",\n   "hs": ["61", 101]}]}',
      '3:17: category "a": HS prefix 101 must be a string of 2 to 10 digits',
    ],
    [
      'label',
      '{"categories": [{"name": "a", "hs": ["61"],\n "label": 5}]}',
      '2:2: category "a": "label" must be a string, not a number',
    ],
    [
      'alias',
      '{"categories": [{"name": "a", "hs": ["61"],\n "aliases": ["b", {}]}]}',
      '2:19: category "a": each of "aliases" must be a non-empty string, not an object',
    ],
    [
      'codes',
      '{"categories": [{"name": "a", "codes": "TOTAL"}]}',
      '1:31: category "a": "codes" must be a list of strings, not a string',
    ],
  ];
  it.each(cases)('%s', async (_name, text, message) => {
    const file = write('c.categories.json', text);
    const r = await share('--categories', file);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toContain(`korus-stats: error: ${file}:${message}`);
  });
});
