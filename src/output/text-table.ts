import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { capText, MESSAGE_CAP } from '../model/caps.js';
import { escapeControls, markdownCell, safeCell } from './safe.js';

// cli-table3 lays a table out in time quadratic in its rows (it looks for spanning cells above every
// cell), and spends about 0.2 ms on each row besides: 8,000 rows took 7 s. Past this many rows the grid
// is drawn by gridLines, the same text in linear time, measured with cli-table3's own width function.
const CLI_TABLE_ROWS = 500;

// cli-table3's helpers (string widths without colour codes, padding, colour carried across a cell's
// lines), so a grid drawn here is the one cli-table3 draws.
const tableUtils = createRequire(import.meta.url)('cli-table3/src/utils.js') as {
  strlen: (s: string) => number;
  pad: (s: string, length: number, with_: string, align: string) => string;
  colorizeLines: (lines: string[]) => string[];
};

/** A column of a people's table. */
export interface Column {
  head: string;
  align: 'left' | 'right';
  /** Break the column's cells into lines of at most this many characters (terminal tables only). */
  wrap?: number;
}

/** A table for people, with its title and footer lines; rendered as a terminal table or Markdown. */
export interface TextTable {
  title: string;
  columns: Column[];
  rows: string[][];
  /** Rows drawn below a rule, such as the total. */
  footRows: string[][];
  /** Index of the row to emphasise, if any. */
  highlight?: number;
  /** Rows drawn dim: folded or derived figures. */
  dim: Set<number>;
  footer: Array<[label: string, text: string]>;
}

/** Draws a TextTable for a terminal: every cell escaped before it is coloured; plain borders. */
export function renderTable(t: TextTable, c: ChalkInstance): string {
  const head = t.columns.map((col) => c.bold(safeCell(col.head)));
  const rows = t.rows.map((row, i) => {
    const paint = (s: string) => (i === t.highlight ? c.bold.cyan(s) : t.dim.has(i) ? c.dim(s) : s);
    return cellsOf(t, row).map(paint);
  });
  for (const row of t.footRows) rows.push(cellsOf(t, row).map((s) => c.bold(s)));
  const footer = t.footer.map(([label, text]) => [safeCell(label), escapeControls(capText(text))] as const);
  const width = Math.max(...footer.map(([label]) => label.length));
  const lines = footer.map(([label, text]) => `${c.dim(label.padEnd(width))}  ${text}`);
  return `${c.bold(safeCell(t.title))}\n${grid(t, head, rows)}\n${lines.join('\n')}\n`;
}

/** Draws a TextTable as GitHub-flavoured Markdown: every cell escaped, `|` as `\|`, one line per row. */
export function renderMarkdown(t: TextTable): string {
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const out = [`**${markdownCell(t.title)}**`, '', line(t.columns.map((c) => c.head))];
  out.push(`|${t.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const row of t.rows) out.push(line(row));
  for (const row of t.footRows)
    out.push(`| ${row.map((s) => (s ? `**${markdownCell(s)}**` : s)).join(' | ')} |`);
  out.push('');
  for (const [label, text] of t.footer) out.push(`- ${markdownCell(label)}: ${markdownCell(capText(text))}`);
  return `${out.join('\n')}\n`;
}

/** A row's cells for a terminal: escaped and capped, and broken into lines where the column wraps. */
function cellsOf(t: TextTable, row: string[]): string[] {
  return row.map((s, i) => {
    const wrap = t.columns[i]?.wrap;
    return wrap ? wrapWords(escapeControls(capText(s, MESSAGE_CAP)), wrap) : safeCell(s);
  });
}

/** The grid: cli-table3's for a table of up to CLI_TABLE_ROWS rows, else gridLines'. */
function grid(t: TextTable, head: string[], rows: string[][]): string {
  const aligns = t.columns.map((col) => col.align);
  if (rows.length > CLI_TABLE_ROWS) return gridLines(aligns, head, rows);
  const table = new Table({ head, colAligns: aligns, style: { head: [], border: [], compact: true } });
  table.push(...rows);
  return table.toString();
}

/**
 * The grid cli-table3 draws with `compact: true` and no border or head style, in time linear in the
 * cells: widest line of each column plus one space each side, the head ruled off, rows unruled.
 */
export function gridLines(aligns: Array<'left' | 'right'>, head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const columns = Math.max(...all.map((row) => row.length));
  const cells = all.map((row) =>
    Array.from({ length: columns }, (_, x) => tableUtils.colorizeLines((row[x] ?? '').split('\n'))),
  );
  const widths = Array.from({ length: columns }, () => 1);
  for (const row of cells) {
    row.forEach((lines, x) => {
      for (const line of lines) widths[x] = Math.max(widths[x] ?? 1, tableUtils.strlen(line) + 2);
    });
  }
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => '─'.repeat(w)).join(mid)}${right}`;
  const out = [rule('┌', '┬', '┐')];
  cells.forEach((row, y) => {
    if (y === 1) out.push(rule('├', '┼', '┤'));
    const height = Math.max(...row.map((lines) => lines.length));
    for (let n = 0; n < height; n++) {
      const parts = row.map((lines, x) => {
        const w = (widths[x] ?? 1) - 2;
        const line = lines[n];
        return line === undefined
          ? ' '.repeat(w + 2)
          : ` ${tableUtils.pad(line, w, ' ', aligns[x] ?? 'left')} `;
      });
      out.push(`│${parts.join('│')}│`);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** Lines of at most `width` characters, broken at spaces. */
function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
