import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../helpers.js';

// The seam: node:fs/promises' open, wrapped. Tests run as root (chmod 000 does not stop a read), so a
// permission error is injected here; a file changed during the read is changed by the wrapper between
// two chunks, which makes the timing deterministic.
const seam = vi.hoisted(() => ({
  failOpen: new Map<string, string>(),
  afterFirstRead: new Map<string, (path: string) => void>(),
}));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open: typeof real.open = async (path, ...rest) => {
    const p = String(path);
    const code = seam.failOpen.get(p);
    if (code) throw Object.assign(new Error(`${code}: open '${p}'`), { code, syscall: 'open', path: p });
    const handle = await real.open(path, ...rest);
    const after = seam.afterFirstRead.get(p);
    if (!after) return handle;
    let reads = 0;
    return new Proxy(handle, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key !== 'read') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<typeof handle.read>) => {
          const r = await target.read(...args);
          // The first full chunk of 256 KiB (not the 8-byte look at the magic bytes).
          if (r.bytesRead >= 1 << 16 && ++reads === 1) after(p);
          return r;
        };
      },
    });
  };
  return { ...real, open, default: { ...real, open } };
});

afterEach(() => {
  seam.failOpen.clear();
  seam.afterFirstRead.clear();
});

const HEADER = 'year,partner,hs_code,value_usd\n';
const row = (i: number) => `2016,P${i % 1000},6109,${i}\n`;

/** A CSV of about 3 MiB: many chunks, so a change after the first is one the read meets. */
function bigFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
  const path = join(dir, 'big.csv');
  const lines: string[] = [HEADER];
  for (let i = 0; i < 150_000; i++) lines.push(row(i));
  writeFileSync(path, lines.join(''));
  return path;
}

function small(): string {
  const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
  const path = join(dir, 'locked.csv');
  writeFileSync(path, `${HEADER}2016,KR,6109,100\n`);
  return path;
}

/** Every command that reads data, on one file. */
function everyCommand(file: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
  const rules = join(dir, 'r.checks.json');
  writeFileSync(
    rules,
    JSON.stringify({
      rules: [{ name: 'KR share', type: 'share', category: 'apparel', year: 2016, partner: 'KR', max: 1 }],
    }),
  );
  return [
    ['share', '--category', 'apparel', '--year', '2016', '--data', file],
    ['trend', '--category', 'apparel', '--partner', 'KR', '--data', file],
    ['breakdown', '--partner', 'KR', '--year', '2016', '--data', file],
    ['validate', file],
    ['check', rules, '--data', file],
  ];
}

describe('an input that cannot be read stops every command: exit 2, one line', () => {
  it('permission denied (EACCES, injected)', async () => {
    const file = small();
    seam.failOpen.set(file, 'EACCES');
    for (const argv of everyCommand(file)) {
      const r = await run(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr).toBe(`korus-stats: error: ${file}: cannot read: permission denied (EACCES)\n`);
    }
  });

  it('an I/O error (EIO, /proc/self/mem reads as one)', async () => {
    for (const argv of everyCommand('/proc/self/mem')) {
      const r = await run(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr).toBe('korus-stats: error: /proc/self/mem: cannot read: input/output error (EIO)\n');
    }
  });

  it('a device where a file is expected', async () => {
    for (const argv of everyCommand('/dev/null')) {
      const r = await run(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr).toBe('korus-stats: error: /dev/null: not a regular file (a character device)\n');
    }
  });

  it('a file that is not there: exit 2 (check: the rule is not evaluated, as before)', async () => {
    for (const argv of everyCommand('/nonexistent/x.csv').slice(0, 4)) {
      const r = await run(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr).toBe('korus-stats: error: /nonexistent/x.csv: no such file or folder\n');
    }
  });

  it('"empty (0 bytes)" only for a file of 0 bytes; validate finds it invalid (exit 1: it was read)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const bom = join(dir, 'bom.csv');
    writeFileSync(bom, '\ufeff');
    const share = await run(['share', '--category', 'apparel', '--data', empty]);
    expect(share.code).toBe(2);
    expect(share.stderr).toBe(`korus-stats: error: ${empty}: empty file (0 bytes): no header and no rows\n`);
    const validate = await run(['validate', empty]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`${empty}: empty file (0 bytes): no header and no rows`);
    const three = await run(['share', '--category', 'apparel', '--data', bom]);
    expect(three.code).toBe(2);
    expect(three.stderr).toContain(`${bom}: no header and no rows in its 3 bytes`);
  });

  it('a named pipe (mkfifo) is refused at once, not waited on for ever (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    for (const argv of everyCommand(fifo)) {
      const r = await run(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr).toBe(
        `korus-stats: error: ${fifo}: a named pipe, not a file\n  hint: send it to standard input: --data - < ${fifo}\n`,
      );
    }
  });

  it("the shell's pipe of a process substitution, --data <(zcat x.gz), is read as it comes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-read-'));
    const file = join(dir, 'x.csv');
    writeFileSync(file, `${HEADER}2016,KR,6109,100\n`);
    const bin = join(import.meta.dirname, '../../bin/korus-stats.js');
    const out = execFileSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${bin}" share --category apparel --year 2016 --json --data <(cat "${file}")`,
      ],
      { encoding: 'utf8' },
    );
    expect((JSON.parse(out) as { total: { valueUsd: number } }).total.valueUsd).toBe(100);
  });
});

describe('a file that changes while it is read stops the run (exit 2)', () => {
  it('truncated after its first chunk: not half its rows and exit 0', async () => {
    const cut = `${HEADER}2016,KR,6109,1\n`;
    for (const command of ['share', 'validate']) {
      const file = bigFile();
      const { size } = statSync(file);
      seam.afterFirstRead.set(file, (p) => writeFileSync(p, cut));
      const argv =
        command === 'share'
          ? ['share', '--category', 'apparel', '--year', '2016', '--data', file]
          : ['validate', file];
      const r = await run(argv);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.stderr.split('\n')[0]).toBe(
        `korus-stats: error: ${file}: changed while being read (size ${size} -> ${cut.length} bytes)`,
      );
    }
  });

  it('appended to during the read', async () => {
    const file = bigFile();
    const { size } = statSync(file);
    seam.afterFirstRead.set(file, (p) => appendFileSync(p, row(1)));
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `korus-stats: error: ${file}: changed while being read (size ${size} -> ${size + row(1).length} bytes)`,
    );
  });

  it('replaced by another file (renamed over it) during the read', async () => {
    const file = bigFile();
    const { size } = statSync(file);
    seam.afterFirstRead.set(file, (p) => {
      writeFileSync(`${p}.new`, `${HEADER}2016,KR,6109,1\n`);
      renameSync(`${p}.new`, p);
    });
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `korus-stats: error: ${file}: changed while being read (size ${size} -> 46 bytes)\n  hint: it was replaced by another file during the read; read it again once whatever writes it has finished\n`,
    );
  });
});
