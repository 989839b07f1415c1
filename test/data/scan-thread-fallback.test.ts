import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { eachRecord } from '../../src/data/each-record.js';
import { fileInput } from '../../src/data/file-input.js';
import type { ReadOptions } from '../../src/data/read-options.js';

// A machine where no thread can be started (a process limit, a worker module that does not load): the
// scanning thread's first word is an error, and the file is read on one thread instead, from the start.
const tried = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  const { EventEmitter } = await import('node:events');
  class Worker extends EventEmitter {
    constructor() {
      super();
      tried.count++;
      setImmediate(() => {
        this.emit('error', Object.assign(new Error('no thread'), { code: 'ERR_WORKER_INIT_FAILED' }));
        this.emit('exit', 1);
      });
    }
    async terminate(): Promise<number> {
      return 1;
    }
  }
  return { ...real, Worker, default: { ...real, Worker } };
});

const dir = mkdtempSync(join(tmpdir(), 'korus-nothread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('when no scanning thread can be started', () => {
  it('reads the file on one thread, every record and its line endings', async () => {
    const path = join(dir, 'f.csv');
    const rows = ['a,b'];
    for (let i = 0; i < 3000; i++) rows.push(i % 7 ? `${i},x` : `${i},"y\r\nz"`);
    writeFileSync(path, `${rows.join('\r\n')}\n`);
    const input = fileInput(path, 'f.csv', statSync(path).size, false, 1024);
    const options: ReadOptions = {
      dialect: { delimiter: ',', encoding: 'utf8' },
      numbers: { decimal: '.' },
      missing: [],
      threads: 2,
    };
    const read = async (threads: number) => {
      const seen: string[] = [];
      const endings = { counts: { crlf: 0, lf: 0, cr: 0 }, first: { crlf: 0, lf: 0, cr: 0 } };
      const onRecord = (r: { line: number; text(i: number): string }) => seen.push(`${r.line}:${r.text(1)}`);
      const at = { ...options, threads };
      for await (const _ of eachRecord(input, at, onRecord, { encoding: 'utf8' }, undefined, endings)) {
        // read on
      }
      return { seen, endings };
    };
    const two = await read(2);
    expect(tried.count).toBe(1);
    expect(two).toEqual(await read(1));
    expect(two.seen).toHaveLength(3001);
    expect(two.seen[1]).toBe('2:y\r\nz');
    expect(two.endings.counts).toEqual({ crlf: 3000 + Math.ceil(3000 / 7), lf: 1, cr: 0 });
  });
});
