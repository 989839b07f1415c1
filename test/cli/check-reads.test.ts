import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../helpers.js';

// Every read `check` makes, by the filter it reads with: rules over the same data and filter share one.
const reads = vi.hoisted(() => [] as string[]);
vi.mock('../../src/commands/pipeline.js', async (importOriginal) => {
  const pipeline = await importOriginal<typeof import('../../src/commands/pipeline.js')>();
  return {
    ...pipeline,
    readRows: (...args: Parameters<typeof pipeline.readRows>) => {
      const filter = args[3];
      reads.push(`${filter.category?.name} ${filter.flow}`);
      return pipeline.readRows(...args);
    },
  };
});

const ROOT = join(import.meta.dirname, '../..');

describe('check reads each group of rules once', () => {
  beforeEach(() => {
    reads.length = 0;
  });

  it('balance rules read each flow once, sharing the reads of the value rules of that flow', async () => {
    const r = await run(['check', 'test/fixtures/check/balance.checks.json', '--json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(1);
    // Seven balance rules and five value rules (two of imports, three of exports): two reads.
    expect(JSON.parse(r.stdout).counts.rules).toBe(12);
    expect(reads.sort()).toEqual(['all-commodities exports', 'all-commodities imports']);
  });

  it('the project rules file: one read per category and source', async () => {
    const r = await run(['check', '--json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(reads.sort()).toEqual([
      'all-commodities exports',
      'all-commodities imports',
      'apparel imports',
      'apparel imports',
      'machinery exports',
      'textiles-and-apparel exports',
      'textiles-and-apparel imports',
    ]);
  });
});
