import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const COMMANDS = ['share', 'trend', 'breakdown', 'validate', 'check', 'categories'];

/** The headings of a help text, in order, each with its entries' flags. */
function groups(help: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const line of help.split('\n')) {
    if (/^[A-Z][\w ]*:$/.test(line)) out.push([line, []]);
    const flag = /^ {2}(-\w, )?(--[\w-]+)/.exec(line);
    if (flag && out.length) out.at(-1)?.[1].push(flag[2] as string);
  }
  return out;
}

describe('--help', () => {
  it('share shows its examples within its first 25 lines', async () => {
    const lines = (await run(['share', '--help'])).stdout.split('\n');
    expect(lines[0]).toBe('Usage: korus-stats share [options]');
    const examples = lines.indexOf('Examples:');
    expect(examples).toBe(2);
    const last = lines.map((l) => l.startsWith('  $ korus-stats share')).lastIndexOf(true);
    expect(last).toBeLessThan(25);
  });

  for (const name of COMMANDS) {
    it(`${name}: usage, then examples, then the options in the groups Question, Input, Output`, async () => {
      const r = await run([name, '--help']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Usage: korus-stats ${name} \\[options\\]`));
      expect(lines.slice(1, 4)).toEqual(['', 'Examples:', expect.stringMatching(/^ {2}[#$] /)]);
      const headings = groups(r.stdout).map(([h]) => h);
      const order = ['Arguments:', 'Question:', 'Input:', 'Output:'];
      expect(headings.filter((h) => h !== 'Examples:')).toEqual(order.filter((h) => headings.includes(h)));
      expect(headings).not.toContain('Options:');
      expect(headings).toContain('Output:');
      const output = groups(r.stdout).find(([h]) => h === 'Output:')?.[1];
      expect(output).toEqual(expect.arrayContaining(['--json', '--no-color', '--help']));
    });
  }

  it('puts the flags every analysis shares under Question and Input', async () => {
    for (const name of ['share', 'trend', 'breakdown']) {
      const g = new Map(groups((await run([name, '--help'])).stdout));
      expect(g.get('Question:')).toEqual(expect.arrayContaining(['--flow', '--reporter', '--source']));
      expect(g.get('Input:')).toEqual(expect.arrayContaining(['--data', '--categories', '--hs-level']));
      // breakdown draws no bars or sparklines: no --ascii.
      expect(g.get('Output:')).toEqual([
        '--format',
        '--json',
        '--output',
        '--units',
        ...(name === 'breakdown' ? [] : ['--ascii']),
        '--csv-raw',
        '--no-color',
        '--quiet',
        '--help',
      ]);
    }
  });

  it('the program leads with examples too, and closes with the exit codes', async () => {
    const r = await run(['--help']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Usage: korus-stats [options] [command]', '', 'Examples:']);
    expect(r.stdout.trimEnd()).toMatch(/Exit codes: 0 success; 1 a check failed; 2 could not run/);
  });
});
