import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Shell completion and the man page are generated from the commands themselves.

const dir = mkdtempSync(join(tmpdir(), 'korus-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = join(dir, 'korus-stats.bash');
beforeAll(async () => {
  const r = await run(['completion', 'bash']);
  expect(r.code).toBe(0);
  writeFileSync(script, r.stdout);
});

/** What bash completes the last word of `line` to, with the generated script sourced. */
function complete(line: string): string[] {
  const words = line.split(' ');
  const program = `source ${JSON.stringify(script)}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
cd ${JSON.stringify(dir)}; _korus_stats; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '-c', program], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('korus-stats completion bash', () => {
  it('completes commands, flags, flag values, category names and paths in bash', () => {
    expect(complete('korus-stats sh')).toEqual(['share']);
    expect(complete('korus-stats c')).toEqual(['categories', 'check', 'completion']);
    expect(complete('korus-stats share --cat')).toEqual(['--categories', '--category']);
    expect(complete('korus-stats share --category app')).toEqual(['apparel']);
    expect(complete('korus-stats share -c auto')).toEqual(['auto-parts', 'autos']);
    expect(complete('korus-stats trend --format j')).toEqual(['json', 'jsonl']);
    expect(complete('korus-stats validate --format ')).toEqual(['github', 'json', 'junit', 'table', 'text']);
    expect(complete('korus-stats balance --by ')).toEqual(['category', 'partner', 'year']);
    expect(complete('korus-stats completion ')).toEqual(['bash', 'fish', 'zsh']);
    writeFileSync(join(dir, 'imports.csv'), 'x\n');
    expect(complete('korus-stats share --data imp')).toEqual(['imports.csv']);
    expect(complete('korus-stats validate imp')).toEqual(['imports.csv']);
    // A flag whose value is free text completes to nothing, not to flags.
    expect(complete('korus-stats share --year ')).toEqual([]);
  });

  it('zsh runs the same through bashcompinit; fish gets its own complete lines', async () => {
    const zsh = await run(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef korus-stats\nautoload -U \+X bashcompinit && bashcompinit\n/);
    expect(zsh.stdout).toContain(readFileSync(script, 'utf8'));
    const fish = await run(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c korus-stats -n 'not __fish_seen_subcommand_from");
    expect(fish.stdout).toMatch(/-n '__fish_seen_subcommand_from share' -l category -s c -x -a 'apparel /);
    const bad = await run(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
  });
});

describe('the man page', () => {
  it('man/korus-stats.1 is what `korus-stats man-page` writes (npm run man regenerates it)', async () => {
    const r = await run(['man-page']);
    expect(r.code).toBe(0);
    const committed = readFileSync(join(import.meta.dirname, '../../man/korus-stats.1'), 'utf8');
    expect(r.stdout).toBe(committed);
    expect(r.stdout).toMatch(/^\.TH KORUS-STATS 1 /);
    for (const c of [
      'share',
      'trend',
      'breakdown',
      'balance',
      'validate',
      'check',
      'categories',
      'completion',
    ])
      expect(r.stdout).toContain(`\n.SS ${c}\n`);
    // Every flag of share's --help is in the page.
    const help = await run(['share', '--help']);
    for (const flag of help.stdout.match(/--[a-z-]+/g) ?? []) expect(r.stdout).toContain(flag);
    // Not listed among the commands of --help.
    expect((await run(['--help'])).stdout).not.toContain('man-page');
  });

  it('groff reads it without a warning, where groff is installed', () => {
    const which = spawnSync('sh', ['-c', 'command -v groff']);
    if (which.status !== 0) return;
    const r = spawnSync(
      'groff',
      ['-man', '-Tutf8', '-ww', join(import.meta.dirname, '../../man/korus-stats.1')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
