import { describe, expect, it } from 'vitest';
import { startProgress, totalSize } from '../../src/output/progress.js';
import { fakeStream } from '../helpers.js';

describe('progress', () => {
  it('draws bytes, rows and rate on a terminal once the delay has passed', () => {
    const tty = fakeStream(true);
    const p = startProgress(tty, 10_000_000, 0);
    p?.update(5_000_000, 123_456);
    p?.stop();
    expect(tty.text()).toMatch(/5\/10 MB \| 123,456 rows/);
    expect(tty.text()).toContain('50%');
  });

  it('is silent before the delay, and never on a pipe', () => {
    const tty = fakeStream(true);
    const p = startProgress(tty, 10, 60_000);
    p?.update(5, 1);
    p?.stop();
    expect(tty.text()).toBe('');
    expect(startProgress(fakeStream(false), 10, 0)).toBeUndefined();
  });

  it('knows the total only when every input has a size', () => {
    expect(totalSize([{ size: 3 }, { size: 4 }])).toBe(7);
    expect(totalSize([{ size: 3 }, {}])).toBeUndefined();
  });
});
