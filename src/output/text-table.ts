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
  /**
   * The leading columns that say what a row is (partner, measure): repeated in each block when the table
   * is folded to fit a terminal (default 1).
   */
  keyColumns?: number;
}

/**
 * Draws a TextTable for a terminal: every cell escaped before it is coloured; plain borders. Given the
 * terminal's `width`, a table wider than it is folded: its columns in blocks one under another, each led by
 * the key columns, a long text column wrapped to what is left; the footer is wrapped at spaces. Without a
 * width (a pipe, a file) the table is drawn whole.
 */
export function renderTable(t: TextTable, c: ChalkInstance, width?: number): string {
  const footer = footerLines(t, c, width);
  const blocks = width === undefined ? [t] : fitted(t, width);
  const grids = blocks.map((b) => gridOf(b, c));
  return `${c.bold(safeCell(t.title))}\n${grids.join('\n')}\n${footer.join('\n')}\n`;
}

function gridOf(t: TextTable, c: ChalkInstance): string {
  const head = t.columns.map((col) => c.bold(safeCell(col.head)));
  const rows = t.rows.map((row, i) => {
    const paint = (s: string) => (i === t.highlight ? c.bold.cyan(s) : t.dim.has(i) ? c.dim(s) : s);
    return cellsOf(t, row).map(paint);
  });
  for (const row of t.footRows) rows.push(cellsOf(t, row).map((s) => c.bold(s)));
  return grid(t, head, rows);
}

/** The footer as label and text, the text wrapped at spaces under itself when a width is given. */
function footerLines(t: TextTable, c: ChalkInstance, width: number | undefined): string[] {
  const footer = t.footer.map(([label, text]) => [safeCell(label), escapeControls(capText(text))] as const);
  const labelWidth = Math.max(0, ...footer.map(([label]) => label.length));
  const room = width === undefined ? undefined : Math.max(20, width - labelWidth - 2);
  const indent = ' '.repeat(labelWidth + 2);
  return footer.map(([label, text]) => {
    const body = room === undefined ? text : wrapWords(text, room).replaceAll('\n', `\n${indent}`);
    return `${c.dim(label.padEnd(labelWidth))}  ${body}`;
  });
}

/** The width a column takes in the grid: its widest line, a space each side, and its border. */
function columnWidth(t: TextTable, x: number): number {
  const col = t.columns[x] as Column;
  let w = tableUtils.strlen(safeCell(col.head));
  for (const row of [...t.rows, ...t.footRows]) {
    for (const line of (cellsOf(t, row)[x] ?? '').split('\n')) w = Math.max(w, tableUtils.strlen(line));
  }
  return w + 3;
}

/** The table as blocks of columns that each fit `width` (the key columns in every block). */
function fitted(t: TextTable, width: number): TextTable[] {
  const n = t.columns.length;
  const widths = Array.from({ length: n }, (_, x) => columnWidth(t, x));
  if (widths.reduce((a, b) => a + b, 1) <= width) return [t];
  const keys = Math.min(t.keyColumns ?? 1, n - 1);
  const keyWidth = widths.slice(0, keys).reduce((a, b) => a + b, 1);
  const room = width - keyWidth;
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = 0;
  for (let x = keys; x < n; x++) {
    const w = widths[x] as number;
    if (block.length && used + w > room) {
      blocks.push(block);
      block = [];
      used = 0;
    }
    block.push(x);
    used += w;
  }
  if (block.length) blocks.push(block);
  const keyCols = Array.from({ length: keys }, (_, x) => x);
  return blocks.map((cols) => {
    const picked = [...keyCols, ...cols];
    const columns = picked.map((x) => {
      const col = t.columns[x] as Column;
      // A column alone in its block and still too wide (a verdict, a definition) is wrapped to the room.
      const over = cols.length === 1 && (widths[x] as number) > room && col.align === 'left';
      return over ? { ...col, wrap: Math.max(10, room - 3) } : col;
    });
    const pick = (row: string[]) => picked.map((x) => row[x] ?? '');
    return { ...t, columns, rows: t.rows.map(pick), footRows: t.footRows.map(pick) };
  });
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
