import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from '../../src/data/resolve-inputs.js';
import { run } from '../helpers.js';
import { zip } from '../zip-writer.js';

// Compressed bytes are told by their magic bytes, whatever the file is called.
const CSV = 'year,partner,hs_code,value_usd\n2016,KR,6109,100\n2016,CN,6109,300\n';
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--json'];
const total = (stdout: string) => (JSON.parse(stdout) as { total: { valueUsd: number } }).total.valueUsd;

function file(name: string, bytes: Buffer | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'korus-z-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** share and validate of `path` both stop with exit 2, saying exactly `stderr`. */
async function bothStop(path: string, stderr: string): Promise<void> {
  for (const argv of [
    [...SHARE, '--data', path],
    ['validate', path],
  ]) {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
  }
}

describe('compressed bytes', () => {
  it('gzip bytes in a .csv file are read as a .csv.gz is (not "invalid UTF-8, try latin1")', async () => {
    const path = file('exports.csv', gzipSync(CSV));
    const r = await run([...SHARE, '--data', path]);
    expect(r.code).toBe(0);
    expect(total(r.stdout)).toBe(400);
    const v = await run(['validate', path]);
    expect(v.code).toBe(0);
  });

  it('gzip on standard input is read too', async () => {
    const r = await run([...SHARE, '--data', '-'], { stdin: gzipSync(CSV) });
    expect(r.code).toBe(0);
    expect(total(r.stdout)).toBe(400);
  });

  // The magic bytes alone (and what follows a real header): no decompressor is needed to write them.
  it.each([
    ['bzip2', Buffer.from('BZh91AY&SY\x00\x00', 'latin1'), 'bunzip2'],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]), 'unxz'],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00]), 'unzstd'],
  ])(
    '%s bytes say what they are and how to undo it (exit 2), in share and validate',
    async (kind, bytes, tool) => {
      const path = file('data.csv', bytes);
      await bothStop(
        path,
        `korus-stats: error: ${path}: ${kind}-compressed; decompress it first (${tool} ${path})\n`,
      );
      const stdin = await run([...SHARE, '--data', '-'], { stdin: bytes });
      expect(stdin.code).toBe(2);
      expect(stdin.stderr).toContain(`<stdin>: ${kind}-compressed; decompress it first`);
    },
  );

  it('a real bzip2 file named .csv.gz is called bzip2, not "not a valid gzip file"', async () => {
    let bytes: Buffer;
    try {
      bytes = execFileSync('bzip2', ['-c'], { input: CSV });
    } catch {
      bytes = Buffer.from('BZh91AY&SY', 'latin1');
    }
    const path = file('data.csv.gz', bytes);
    const r = await run([...SHARE, '--data', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data.csv.gz: bzip2-compressed; decompress it first (bunzip2 ');
  });

  it('a gzip bomb is streamed: 512 MiB from a small file comes out 1 MiB at a time', async () => {
    // 512 gzip members of 1 MiB each, one after another (gunzip reads them as one stream).
    const member = gzipSync(Buffer.alloc(1 << 20, 0x30), { level: 9 });
    const path = file('bomb.csv', Buffer.concat(Array.from({ length: 512 }, () => member)));
    expect(statSync(path).size).toBeLessThan(1 << 20);
    const [input] = await resolveInputs([path], '/', Readable.from([]));
    let bytes = 0;
    let largest = 0;
    const before = process.memoryUsage().rss;
    for await (const chunk of input?.open() ?? []) {
      bytes += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(bytes).toBe(512 << 20);
    expect(largest).toBeLessThanOrEqual(1 << 20);
    // Never the whole of it at once: what grows is a few chunks' worth.
    expect(process.memoryUsage().rss - before).toBeLessThan(128 << 20);
  });

  it('a gzip bomb of rows through share: every row read, the answer right', async () => {
    // Rows the filter leaves out (another year), so the answer is small while every byte is read.
    const row = '2015,KR,6109,1\n';
    const parts = [Buffer.from(CSV), Buffer.from(row.repeat((16 << 20) / 16))];
    const path = file('rows.csv', gzipSync(Buffer.concat(parts)));
    const r = await run([...SHARE, '--data', path]);
    expect(r.code).toBe(0);
    expect(total(r.stdout)).toBe(400);
    expect((JSON.parse(r.stdout) as { input: { rowsRead: number } }).input.rowsRead).toBe(
      2 + (16 << 20) / 16,
    );
  });

  it('an .xlsx (a zip) is still read as a workbook, even under a .csv name', async () => {
    const xlsx = readFileSync(join(import.meta.dirname, '../fixtures/xlsx/dataweb-imports-by-country.xlsx'));
    const path = file('renamed.csv', xlsx);
    const r = await run([...SHARE, '--data', path, '--year', '2023']);
    expect(r.code).toBe(0);
    expect(total(r.stdout)).toBe(21_286_155_864);
  });

  it('a zipped CSV download says it is a ZIP archive to unzip (exit 2), as a file and on stdin', async () => {
    const bytes = zip([['exports.csv', CSV]]);
    const path = file('exports.zip', bytes);
    await bothStop(
      path,
      `korus-stats: error: ${path}: a ZIP archive holding exports.csv, not an .xlsx workbook; unzip it first (unzip ${path})\n  hint: then give --data the files it holds, or the folder they are in\n`,
    );
    const stdin = await run([...SHARE, '--data', '-'], { stdin: bytes });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe(
      'korus-stats: error: <stdin>: a ZIP archive holding exports.csv, not an .xlsx workbook; unzip it first\n  hint: funzip writes the first file of a ZIP archive on standard input: ... | funzip | korus-stats ... --data -\n',
    );
  });
});
