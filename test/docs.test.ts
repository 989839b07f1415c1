import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { builtInCategories, hsDefinition } from '../src/catalog/categories.js';
import { main } from '../src/cli.js';
import { RANK_REASONS } from '../src/core/share/index.js';
import { NOTE_CODES, PROBLEM_CODES } from '../src/model/codes.js';
import { PROBLEM_SEVERITY } from '../src/model/problems.js';
import { PROBLEM_ABOUT } from '../src/output/problem-words.js';
import { PROFILES } from '../src/sources/index.js';
import type { SourceProfile } from '../src/sources/types.js';
import { fakeStream } from './helpers.js';

// The docs hold the tables of codes, aliases and options by hand, for people to read: these tests keep
// them equal to what the code declares, so a new code or alias fails here until its page says it.
const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const COMMANDS = ['share', 'trend', 'breakdown', 'balance', 'check', 'validate', 'categories'] as const;

/** The markdown files under a folder, as paths relative to the project. */
const markdownUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownUnder(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );

/** The text of a page between a heading (`## Name`) and the next heading of the same level or higher. */
function section(text: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const start = text.split('\n').indexOf(heading);
  expect(start, `a "${heading}" heading`).toBeGreaterThanOrEqual(0);
  const lines = text.split('\n').slice(start + 1);
  const end = lines.findIndex((l) => new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(0, end === -1 ? undefined : end).join('\n');
}

/** The body rows of the markdown tables in a text, each as its cells (trimmed, `\|` unescaped). */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => /^\|.*\|$/.test(l.trim()) && !/^\|[\s:|-]+\|$/.test(l.trim()))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replaceAll('\\|', '|')),
    );
}

/** The names in backticks in a table cell. */
const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

describe('docs/validate-problems.md', () => {
  it('lists every problem code, in order, with its severity and what it means', () => {
    const rows = tableRows(section(read('docs/validate-problems.md'), '## Problem codes'))
      .filter((r) => /^`[a-z-]+`$/.test(r[0] ?? ''))
      .map(([code = '', severity, about]) => [code.slice(1, -1), severity, about]);
    expect(rows).toEqual(PROBLEM_CODES.map((c) => [c, PROBLEM_SEVERITY[c], PROBLEM_ABOUT[c]]));
  });
});

describe('docs/validate-problems.md lists every validate code as the program has it', () => {
  it('same codes, same severities', async () => {
    // The table moved from the README to docs/validate-problems.md; the README links to it.
    const { PROBLEM_SEVERITY } = await import('../src/model/problems.js');
    const { PROBLEM_CODES } = await import('../src/model/codes.js');
    const page = read('docs/validate-problems.md');
    const listed = [...page.matchAll(/^\| `([a-z-]+)`\s*\| (error|warning)\s*\|/gm)].map((m) => [m[1], m[2]]);
    expect(listed).toEqual(PROBLEM_CODES.map((code) => [code, PROBLEM_SEVERITY[code]]));
    expect(read('README.md')).toContain('(docs/validate-problems.md)');
  });
});

describe('docs/json.md', () => {
  it('lists every note code, in order', () => {
    const rows = tableRows(section(read('docs/json.md'), '## Note codes')).filter((r) =>
      /^`[a-z-]+`$/.test(r[0] ?? ''),
    );
    expect(rows.map((r) => (r[0] ?? '').slice(1, -1))).toEqual([...NOTE_CODES]);
    for (const r of rows) expect(r[1], `what ${r[0]} says`).toMatch(/\w/);
  });

  it('links every schema under schemas/', () => {
    const page = read('docs/json.md');
    for (const f of readdirSync(join(ROOT, 'schemas'))) expect(page).toContain(`(../schemas/${f})`);
  });
});

describe('docs/commands/categories.md', () => {
  it('lists the built-in categories with their HS and SITC definitions', () => {
    const rows = tableRows(section(read('docs/commands/categories.md'), '## Built-in categories'))
      .filter((r) => r[0] !== 'category')
      .map(([name, hs, sitc]) => [name, hs, sitc]);
    expect(rows).toEqual(
      builtInCategories().map((d) => [
        d.name,
        hsDefinition(d.hs).replace(/^HS ?/, ''),
        (d.sitc ?? []).join(', '),
      ]),
    );
  });
});

describe('the column aliases in the docs are those the source profiles declare', () => {
  it('docs/sources/canonical.md: one row per field, its aliases in order', () => {
    const canonical = PROFILES.find((p) => p.name === 'canonical') as SourceProfile;
    const rows = tableRows(section(read('docs/sources/canonical.md'), '## Columns'))
      .filter((r) => /^`?[a-z_]+`?$/.test(r[0] ?? '') && r[0] !== 'field')
      .map(([field = '', aliases = '']) => [field.replaceAll('`', ''), ticked(aliases)]);
    expect(rows).toEqual(Object.entries(canonical.columns).map(([f, names]) => [f, [...(names ?? [])]]));
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))(
    'docs/sources/%s.md names every column the profile reads',
    (_name, profile) => {
      const page = read(profile.docs);
      const names = new Set(ticked(page).flatMap((t) => t.split(/,\s*/)));
      // A name written with * stands for a family of columns (Census `CON_VAL_*`).
      const globs = [...names]
        .filter((n) => n.includes('*'))
        .map((n) => new RegExp(`^${n.replace(/[.+?^${}()[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`));
      const declared = [
        ...Object.values(profile.columns).flat(),
        ...(profile.measures ?? []).map((m) => m.header),
        ...(profile.dimensions ?? []).flatMap((d) => d.headers),
        ...(profile.directional ? [profile.directional.exporter, profile.directional.importer] : []),
      ] as string[];
      const unnamed = declared.filter((h) => !names.has(h) && !globs.some((g) => g.test(h)));
      expect(unnamed).toEqual([]);
    },
  );

  it('docs/sources/README.md has a row and a page for every profile', () => {
    const rows = tableRows(read('docs/sources/README.md')).filter((r) => /^`[a-z-]+`$/.test(r[0] ?? ''));
    expect(rows.map((r) => (r[0] ?? '').slice(1, -1))).toEqual(PROFILES.map((p) => p.name));
    for (const [i, p] of PROFILES.entries()) {
      expect(rows[i]?.join(' ')).toContain(`(${relative('docs/sources', p.docs)})`);
    }
  });
});

/** The long options `korus-stats CMD --help` lists (read from the program, not from its layout). */
async function optionsOf(command: string): Promise<string[]> {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const io = { stdin: Readable.from([]), stdout, stderr, env: {}, cwd: ROOT };
  expect(await main([command, '--help'], io)).toBe(0);
  const flags = [...stdout.text().matchAll(/^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]);
  return [...new Set(flags as string[])].filter((f) => f !== '--help');
}

/** Whether a page names an option in backticks (`--flow`, `--flow <flow>`, `-f, --format`). */
const names = (page: string, flag: string) => new RegExp(`\`(?:-[a-zA-Z], )?${flag}(?![a-z0-9-])`).test(page);

describe('every option of each command is on its page', () => {
  it.each(COMMANDS)('docs/commands/%s.md', async (command) => {
    const options = await optionsOf(command);
    expect(options.length).toBeGreaterThan(3);
    const page = read(`docs/commands/${command}.md`);
    expect(options.filter((o) => !names(page, o))).toEqual([]);
  });

  it('docs/options.md has every option that more than one command takes', async () => {
    const counts = new Map<string, number>();
    for (const c of COMMANDS) for (const o of await optionsOf(c)) counts.set(o, (counts.get(o) ?? 0) + 1);
    const shared = [...counts].filter(([, n]) => n > 1).map(([o]) => o);
    const page = read('docs/options.md');
    expect(shared.filter((o) => !names(page, o))).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors a markdown file's headings make (a repeated heading gets -1, -2, ...). */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of withoutCode(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1] ?? '');
    let a = base;
    for (let i = 1; out.has(a); i++) a = `${base}-${i}`;
    out.add(a);
  }
  return out;
}

/** A markdown text without its fenced code blocks and inline code (links there are not links). */
const withoutCode = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

describe('links', () => {
  const pages = ['README.md', ...markdownUnder('docs')];

  it.each(pages)('every relative link in %s points at a file (and heading) that exists', (page) => {
    const text = withoutCode(read(page));
    const links = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
    const broken = links
      .filter((l) => !/^[a-z][a-z+.-]*:/i.test(l))
      .filter((l) => {
        const [path = '', anchor] = l.split('#');
        const target = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), path);
        if (!existsSync(target)) return true;
        if (anchor === undefined || !statSync(target).isFile() || !target.endsWith('.md')) return false;
        return !anchors(readFileSync(target, 'utf8')).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  it('the README links every page of docs/', () => {
    const readme = read('README.md');
    const linked = (p: string) => readme.includes(`(${p})`) || readme.includes(`(${p}#`);
    const top = [
      ...markdownUnder('docs/commands'),
      ...readdirSync(join(ROOT, 'docs')).map((f) => join('docs', f)),
    ]
      .filter((p) => p.endsWith('.md'))
      .filter((p) => !linked(p));
    expect(top).toEqual([]);
    expect(readme).toContain('(docs/sources/)');
  });
});

describe('the JSON Schemas list the codes as enums', () => {
  type Json = { [k: string]: Json } & Json[];
  /** Every `notes` and `problems` array's item code schema in a schema file, with local $refs resolved. */
  function codeSchemas(schema: Json): { kind: 'notes' | 'problems' | 'counts'; enum: unknown }[] {
    const deref = (s: Json | undefined): Json | undefined => {
      const ref = s?.$ref as unknown as string | undefined;
      if (!ref?.startsWith('#/')) return s;
      return ref
        .slice(2)
        .split('/')
        .reduce<Json | undefined>((o, k) => o?.[k], schema);
    };
    const out: { kind: 'notes' | 'problems' | 'counts'; enum: unknown }[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const props = (node as Json).properties;
      for (const kind of ['notes', 'problems'] as const) {
        const code = deref(deref(props?.[kind]?.items)?.properties?.code);
        if (props?.[kind]) out.push({ kind, enum: code?.enum });
      }
      const names = deref(props?.counts?.propertyNames);
      if (names) out.push({ kind: 'counts', enum: names.enum });
      for (const v of Object.values(node)) walk(v);
    };
    walk(schema);
    return out;
  }

  it.each(readdirSync(join(ROOT, 'schemas')))('schemas/%s', (file) => {
    const schema = JSON.parse(read(`schemas/${file}`));
    for (const c of codeSchemas(schema)) {
      expect(c.enum, `${file}: ${c.kind}`).toEqual(c.kind === 'notes' ? [...NOTE_CODES] : [...PROBLEM_CODES]);
    }
  });

  it.each(['share', 'trend', 'breakdown'])(
    'schemas/%s.schema.json lists the rank reasons as the code has them',
    (c) => {
      const schema = JSON.parse(read(`schemas/${c}.schema.json`));
      expect(schema.$defs.ranks.properties.reasons.items.enum).toEqual([...RANK_REASONS]);
    },
  );

  it('every output schema with notes or problems is checked', () => {
    const found = readdirSync(join(ROOT, 'schemas')).flatMap((f) =>
      codeSchemas(JSON.parse(read(`schemas/${f}`))).map((c) => `${f} ${c.kind}`),
    );
    expect(found.sort()).toEqual([
      'balance.schema.json notes',
      'breakdown.schema.json notes',
      'check-output.schema.json notes',
      'share.schema.json notes',
      'trend.schema.json notes',
      'validate.schema.json counts',
      'validate.schema.json problems',
    ]);
  });
});
