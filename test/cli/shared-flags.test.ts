import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// One set of output flags for every command that prints a result, one name per format, and flags that
// are mistyped or misplaced named as such.

const COMMANDS: Record<string, string[]> = {
  share: ['share', '--category', 'apparel', '--year', '2016'],
  trend: ['trend', '--category', 'apparel', '--partner', 'KR'],
  breakdown: ['breakdown', '--partner', 'KR', '--year', '2016'],
  balance: ['balance', '--partner', 'KR', '--year', '2017'],
  validate: ['validate'],
  check: ['check'],
  categories: ['categories'],
};

describe('the shared output flags', () => {
  for (const [name, argv] of Object.entries(COMMANDS)) {
    it(`${name} takes --format table, --json, -o, --quiet and --no-color`, async () => {
      const help = (await run([...argv.slice(0, 1), '--help'])).stdout;
      for (const flag of ['--format', '--json', '--output', '--quiet', '--no-color'])
        expect(help).toContain(flag);
      const table = await run([...argv, '--format', 'table', '--quiet', '--no-color']);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stderr).toBe('');
      const json = await run([...argv, '--json', '--quiet']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toHaveProperty('schemaVersion');
    });
  }

  it('validate: table is its report for people, text the same by its older name', async () => {
    const table = await run(['validate', '--format', 'table']);
    expect((await run(['validate', '--format', 'text'])).stdout).toBe(table.stdout);
    expect((await run(['validate'])).stdout).toBe(table.stdout);
  });

  it('--ascii only where a table has bars or sparklines', async () => {
    expect((await run(['share', '--help'])).stdout).toContain('--ascii');
    expect((await run(['trend', '--help'])).stdout).toContain('--ascii');
    expect((await run(['breakdown', '--help'])).stdout).not.toContain('--ascii');
  });
});

describe('mistyped and misplaced flags', () => {
  it('a mistyped required flag is named with what it may mean, not reported missing', async () => {
    const r = await run(['share', '--categroy', 'apparel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--categroy'");
    expect(r.stderr).toContain('Did you mean --category?');
    expect(r.stderr).not.toContain('not specified');
    const missing = await run(['share', '--year', '2016']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-c, --category <name>' not specified");
  });

  it('trend --year says what trend takes instead', async () => {
    const r = await run(['trend', '--category', 'apparel', '--year', '2016']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from 2016 --to 2016');
  });
});
