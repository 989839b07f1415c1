import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { InputError, UsageError } from '../errors.js';

/** One input to read: a file, or standard input. */
export interface InputSource {
  /** The name shown in messages: the path as given, `data/x.csv` for bundled files, `<stdin>`. */
  name: string;
  /** Opens the input as a stream of raw (decompressed) bytes. */
  open(): AsyncIterable<Buffer>;
}

/** The bundled data folder, shipped in the package beside dist/. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const CSV_FILE = /\.(csv|txt|tsv)(\.gz)?$/i;

/** Resolves `--data` arguments (files, folders of .csv/.csv.gz, `-` for stdin) to inputs, in a stable order. */
export async function resolveInputs(
  paths: string[] | undefined,
  cwd: string,
  stdin: Readable,
): Promise<InputSource[]> {
  if (!paths || paths.length === 0) return folderInputs(BUNDLED_DATA_DIR, (f) => `data/${f}`);
  const out: InputSource[] = [];
  let usedStdin = false;
  for (const given of paths) {
    if (given === '-') {
      if (usedStdin) throw new UsageError('--data: standard input (-) can be read only once');
      usedStdin = true;
      out.push({ name: '<stdin>', open: () => stdin as AsyncIterable<Buffer> });
      continue;
    }
    const full = resolve(cwd, given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(
        { file: given },
        code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})`,
      );
    }
    if (info.isDirectory()) {
      out.push(...(await folderInputs(full, (f) => join(given, f))));
    } else {
      out.push(fileInput(full, given));
    }
  }
  return out;
}

async function folderInputs(dir: string, display: (file: string) => string): Promise<InputSource[]> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && CSV_FILE.test(e.name))
    .map((e) => e.name)
    .sort();
  if (files.length === 0) {
    throw new InputError({ file: display('') || dir }, 'folder holds no .csv or .csv.gz files');
  }
  return files.map((f) => fileInput(join(dir, f), display(f)));
}

function fileInput(full: string, name: string): InputSource {
  return {
    name: name.split(sep).join('/'),
    open() {
      const file = createReadStream(full, { highWaterMark: 1 << 20 });
      if (!/\.gz$/i.test(full)) return file;
      const gunzip = createGunzip({ chunkSize: 1 << 20 });
      file.on('error', (e) => gunzip.destroy(e));
      return file.pipe(gunzip);
    },
  };
}
