import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { inputOptions, type OutputFlags, outputOptions } from '../../src/commands/options.js';
import { scopeOf } from '../../src/commands/scope.js';
import { shareOptions } from '../../src/commands/share-run.js';
import { trendOptions } from '../../src/commands/trend-run.js';
import { UsageError } from '../../src/errors.js';
import { BREAKDOWN_FORMATS } from '../../src/output/breakdown.js';
import { CATEGORIES_FORMATS } from '../../src/output/categories.js';
import { CHECK_FORMATS } from '../../src/output/check.js';
import { FORMATS, type Format, type Renderable, render } from '../../src/output/render.js';
import { REPORT_FORMATS } from '../../src/output/report.js';
import { SHARE_FORMATS } from '../../src/output/share.js';
import { TREND_FORMATS } from '../../src/output/trend.js';
import { run } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const plain = new Chalk({ level: 0 });

describe('output flags -> OutputOptions', () => {
  // [flags, the command's default format, the format chosen or the error]
  const cases: Array<[Partial<OutputFlags>, Format | undefined, Format | string]> = [
    [{}, undefined, 'table'],
    [{ json: true }, undefined, 'json'],
    [{ format: 'csv' }, undefined, 'csv'],
    [{ format: 'json', json: true }, undefined, 'json'],
    [{ format: 'csv', json: true }, undefined, '--json and --format csv contradict each other'],
    [{ format: 'table', json: true }, undefined, '--json and --format table contradict each other'],
    // validate: commander fills in its default, text, so --json beside it is no contradiction.
    [{ format: 'text' }, 'text', 'text'],
    [{ format: 'text', json: true }, 'text', 'json'],
    [{ format: 'junit', json: true }, 'text', '--json and --format junit contradict each other'],
  ];
  it.each(cases)('%j (default %s) -> %s', (flags, fallback, expected) => {
    const parse = () => outputOptions({ color: true, ...flags }, { default: fallback });
    if (FORMATS.includes(expected as Format)) expect(parse().format).toBe(expected);
    else expect(parse).toThrow(new UsageError(expected));
  });

  it('fills in the view: human units, Unicode, notes on', () => {
    expect(outputOptions({ color: false })).toEqual({
      format: 'table',
      units: 'human',
      ascii: false,
      color: false,
      quiet: false,
      csvRaw: false,
    });
  });
});

describe('input and selection flags -> InputOptions and Scope', () => {
  it.each([
    [{ decimal: ',' as const }, {}, '--decimal , needs another --delimiter (usually ;)'],
    [{ decimal: '.' as const, thousands: '.' as const }, {}, '--thousands and --decimal cannot both be "."'],
    [
      { decimal: '.' as const },
      { KORUS_PARSER: 'slow' },
      'KORUS_PARSER=slow is not one of auto, fast, csv-parse',
    ],
  ])('%j with %j is refused', (flags, env, message) => {
    expect(() => inputOptions(flags, env)).toThrow(new UsageError(message));
  });

  it('takes the parser from KORUS_PARSER unless --parser is given', () => {
    expect(inputOptions({ decimal: '.' }, { KORUS_PARSER: 'csv-parse' }).read.parser).toBe('csv-parse');
    expect(inputOptions({ decimal: '.', parser: 'fast' }, { KORUS_PARSER: 'csv-parse' }).read.parser).toBe(
      'fast',
    );
    const o = inputOptions({ decimal: '.', data: ['a.csv'], dedupe: true });
    expect(o).toMatchObject({ data: ['a.csv'], dedupe: true, read: { dialect: { delimiter: ',' } } });
  });

  it('names the reporter by its code', () => {
    expect(scopeOf({ flow: 'imports', reporter: 'United States' })).toEqual({
      flow: 'imports',
      reporter: 'US',
      source: undefined,
    });
  });
});

describe('command flags -> typed options', () => {
  const base = { decimal: '.' as const, flow: 'imports' as const, color: true, category: 'apparel' };
  it.each([
    [{}, 'year'],
    [{ ytd: true }, 'ytd'],
    [{ yearEnding: true }, 'year-ending'],
  ])('share %j asks for the period %s', (flags, period) => {
    expect(shareOptions({ ...base, ...flags }, {}).period).toBe(period);
  });

  it('trend refuses --from after --to before anything is read', () => {
    expect(() => trendOptions({ ...base, plot: 'value', from: 2016, to: 2012 }, {})).toThrow(
      new UsageError('--from 2016 is after --to 2012'),
    );
    expect(trendOptions({ ...base, plot: 'share', partner: ['KR'] }, {})).toMatchObject({
      partners: ['KR'],
      concentration: false,
      plot: 'share',
      scope: { flow: 'imports' },
      output: { format: 'table' },
    });
  });
});

describe('the render factory', () => {
  const result: Renderable = {
    command: 'demo',
    formats: ['table', 'json', 'text'],
    json: () => ({ a: 1 }),
    lines: () => 'lines\n',
  };

  it('draws each format from its part, and table from the lines when there is no TextTable', () => {
    expect(render(result, 'json', plain)).toBe('{\n  "a": 1\n}\n');
    expect(render(result, 'table', plain)).toBe('lines\n');
    expect(render(result, 'text', plain)).toBe('lines\n');
  });

  it('refuses a format the result does not offer, naming those it does', () => {
    expect(() => render(result, 'svg', plain)).toThrow(
      new UsageError('demo has no svg output', 'use one of table, json, text'),
    );
  });

  it('calls a format offered without its part a bug, not a usage error', () => {
    const broken: Renderable = { ...result, formats: ['csv'] };
    expect(() => render(broken, 'csv', plain)).toThrow('demo offers a format it has no csv for');
  });
});

describe('every format a command states is one it renders', () => {
  const commands: Array<[string, readonly Format[], string[], number]> = [
    ['share', SHARE_FORMATS, ['share', '--category', 'apparel', '--year', '2016'], 0],
    ['trend', TREND_FORMATS, ['trend', '--category', 'apparel'], 0],
    ['breakdown', BREAKDOWN_FORMATS, ['breakdown', '--partner', 'CN', '--year', '2016'], 0],
    ['categories', CATEGORIES_FORMATS, ['categories'], 0],
    ['check', CHECK_FORMATS, ['check'], 0],
    ['validate', REPORT_FORMATS, ['validate', 'data'], 0],
  ];
  for (const [name, formats, argv, code] of commands) {
    it(`${name}: ${formats.join(', ')}, and no other`, async () => {
      for (const format of formats) {
        const r = await run([...argv, '--format', format], { cwd: ROOT, env: { NO_COLOR: '1' } });
        expect({ format, code: r.code }).toEqual({ format, code });
        expect(r.stdout.length).toBeGreaterThan(0);
      }
      const other = FORMATS.find((f) => !formats.includes(f));
      const r = await run([...argv, '--format', other as string], { cwd: ROOT });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `argument '${other}' is invalid. Allowed choices are ${formats.join(', ')}.`,
      );
    });
  }
});
