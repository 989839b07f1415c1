import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A full disk is not invalid data: one line and exit 2 (not a stack trace and exit 1, which CI reads as
// "the data failed"). These spawn the built binary (npm test builds first) with stdout on /dev/full.
const BIN = join(import.meta.dirname, '../../bin/korus-stats.js');
const env = { ...process.env, FORCE_COLOR: '0' };
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--quiet'];

function toFull(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const full = openSync('/dev/full', 'w');
  try {
    return spawnSync(process.execPath, [BIN, ...args], {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
  } finally {
    closeSync(full);
  }
}

describe.runIf(existsSync('/dev/full'))('a write that fails', () => {
  it.each([
    ['a table', SHARE],
    ['JSON', [...SHARE, '--json']],
    ['CSV', [...SHARE, '--format', 'csv']],
    ['a validate report', ['validate', 'data/']],
    ['help', ['share', '--help']],
  ])('%s on a full disk: one line, exit 2', (_what, args) => {
    const r = toFull(args);
    expect(r.stderr).toBe('korus-stats: error: cannot write output: no space left on device (ENOSPC)\n');
    expect(r.status).toBe(2);
  });

  it('a job summary file on a full disk: one line naming it, exit 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', 'data/', '--format', 'github'], {
      env: { ...env, GITHUB_STEP_SUMMARY: '/dev/full' },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('korus-stats: error: cannot write /dev/full: no space left on device (ENOSPC)\n');
    expect(r.status).toBe(2);
  });

  it('a closed pipe is still success (| head)', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" ${SHARE.join(' ')} --format csv | head -c 1`],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
