import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// These run the built binary (npm test builds first), as a user's shell would.
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/korus-stats.js');
const env = (): NodeJS.ProcessEnv => {
  const e = { ...process.env };
  delete e.FORCE_COLOR; // vitest sets it; a user's pipe has none
  delete e.NO_COLOR;
  return e;
};

/** The README's Quick start commands, in order. */
function quickStart(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```(?:sh|bash|shell)?\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
}

describe('the built binary', () => {
  it('answers --version alone as the CLI does, without loading the CLI', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const run = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8' });
    for (const flag of ['--version', '-V']) {
      const quick = run([flag]);
      expect(quick.status).toBe(0);
      expect(quick.stdout).toBe(`${version}\n`);
      expect(quick.stderr).toBe('');
    }
    // With another argument commander answers: the same text.
    expect(run(['--version', '--no-color']).stdout).toBe(`${version}\n`);
    // The shim loads the CLI only when it runs it (test/architecture.test.ts checks what quick-answer loads).
    const shim = readFileSync(BIN, 'utf8');
    const staticImports = [...shim.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(['../dist/output/write-error.js', '../dist/quick-answer.js']);
  });

  it('the README Quick start has exactly two commands: install-and-run, and the tests', () => {
    const cmds = quickStart();
    expect(cmds).toHaveLength(2);
    expect(cmds[0]).toMatch(/^npm ci && npx korus-stats share /);
    expect(cmds[1]).toBe('npm test');
  });

  it("runs the README Quick start's main job and prints Korea's share", () => {
    // The install step is the one this test runs inside of; run the rest as written, through the bin.
    const job = (quickStart()[0] ?? '').split('&&').pop()?.trim() ?? '';
    const args = job.replace(/^npx korus-stats /, '').match(/"[^"]*"|\S+/g) ?? [];
    const out = execFileSync(process.execPath, [BIN, ...args.map((a) => a.replace(/^"|"$/g, ''))], {
      env: env(),
      encoding: 'utf8',
    });
    expect(out).toMatch(/South Korea \(KR\)\s*│\s*US\$251m\s*│\s*0\.31%/);
    expect(out).toMatch(/Total \(reported\)\s*│\s*US\$80\.71bn/);
    expect(out).toContain('Not itemized');
    expect(out).not.toContain('\x1b');
  });

  it('writes no escape codes into a pipe', () => {
    const r = spawnSync(process.execPath, [BIN, 'share', '--category', 'apparel', '--year', '2016'], {
      env: env(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('\x1b');
  });

  it('exits 0 when the reader of its output goes away (| head)', () => {
    // Enough partners that the table outgrows the pipe buffer after head has left.
    const dir = mkdtempSync(join(tmpdir(), 'korus-'));
    const file = join(dir, 'many.csv');
    const lines = ['year,partner,hs_code,value_usd'];
    for (let i = 0; i < 5000; i++) lines.push(`2020,Partner ${i},6109,${i + 1}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${BIN}" share --quiet --category apparel --data "${file}" | head -n 3`,
      ],
      { env: env(), encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(4);
  });

  it('keeps exit 2 when stderr is cut short (2>&1 | head -1)', () => {
    const bad = join(ROOT, 'test/fixtures/cli/bad-number.csv');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${BIN}" share --category apparel --data "${bad}" 2>&1 | head -n 1`,
      ],
      { env: env(), encoding: 'utf8' },
    );
    expect(r.stdout).toMatch(/bad-number\.csv:3:4: value "1,234" is not a number/);
    expect(r.status).toBe(2);
  });

  it('exits 2 with one clear line for a missing file, no stack trace', () => {
    const r = spawnSync(process.execPath, [BIN, 'share', '--category', 'apparel', '--data', 'missing.csv'], {
      env: env(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('korus-stats: error: missing.csv: no such file or folder\n');
  });

  it('cat x.csv.gz | korus-stats share --data - gives the answer the file gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-bin-gz-'));
    const gz = join(dir, 'x.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(ROOT, 'data/usitc-textiles-apparel.csv'))));
    const args = 'share --category textiles-and-apparel --year 2016 --json';
    const sh = (line: string) => spawnSync('bash', ['-c', line], { env: env(), encoding: 'utf8', cwd: dir });
    const piped = sh(`cat x.csv.gz | "${process.execPath}" "${BIN}" ${args} --data -`);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    const file = sh(`"${process.execPath}" "${BIN}" ${args} --data x.csv.gz`);
    expect(file.status).toBe(0);
    const answer = (stdout: string) => {
      const j = JSON.parse(stdout) as { rows: unknown; total: unknown };
      return { rows: j.rows, total: j.total };
    };
    expect(answer(piped.stdout)).toEqual(answer(file.stdout));
    expect((JSON.parse(piped.stdout) as { total: { valueUsd: number } }).total.valueUsd).toBeGreaterThan(0);
  });
});
