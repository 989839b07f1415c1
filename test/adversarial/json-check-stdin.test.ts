// `check --data -`: standard input streamed (to a temporary file when rules over several categories read
// it again), giving the answer the same data gives from a file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const DATA = 'data/otexa-apparel.csv';

/** `check --json` on the data from a file and from stdin: the results without the file names. */
async function both(rules: string): Promise<[unknown, unknown]> {
  const fromFile = await run(['check', rules, '--data', DATA, '--json'], { cwd: ROOT });
  const piped = await run(['check', rules, '--data', '-', '--json'], {
    cwd: ROOT,
    stdin: readFileSync(join(ROOT, DATA)),
  });
  expect(piped.code, piped.stderr).toBe(fromFile.code);
  const results = (out: string) =>
    JSON.parse(out).results.map(({ files: _files, ...r }: { files: string[] }) => r);
  return [results(piped.stdout), results(fromFile.stdout)];
}

describe('check --data -', () => {
  it('rules over several categories and scopes (stdin read again) answer as from the file', async () => {
    const [piped, fromFile] = await both('korus-stats.checks.json');
    expect((piped as unknown[]).length).toBe(9);
    expect(piped).toEqual(fromFile);
  });

  it('rules sharing one read (stdin streamed as it comes) answer as from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-check-'));
    const rules = join(dir, 'one.checks.json');
    const rule = { type: 'share', category: 'apparel', year: 2016, partner: 'KR', max: 0.01 };
    writeFileSync(
      rules,
      JSON.stringify({
        rules: [
          { name: 'a', ...rule },
          { name: 'b', ...rule, max: 0.001 },
        ],
      }),
    );
    const [piped, fromFile] = await both(rules);
    expect(piped).toEqual(fromFile);
    expect((piped as Array<{ status: string }>).map((r) => r.status)).toEqual(['pass', 'fail']);
  });
});
