import type { ProblemSink } from '../model/problems.js';
import type { RowChecker, RowPlace, TradeRow } from '../model/rows.js';
import { toNumber } from '../model/usd.js';
import { ExactKeys } from './exact-keys.js';
import { KeyTable } from './key-table.js';

/** A World/total row, kept to be checked against the sum of its group at the end. */
interface WorldRow {
  value: number;
  file: string;
  line: number;
  place: RowPlace;
  scale: number;
  /** The hash of its group (file, year, month, reporter, flow, code, source) in the sums tables. */
  group: [number, number];
}

interface MonthGroup {
  annual?: { value: number; file: string; line: number };
  months: Map<number, number>;
  scale: number;
}

/**
 * The checks across rows: duplicate keys, World/total rows against their parts, twelve months against
 * their year, and a partner code under two names. Memory grows with distinct keys only: duplicates are
 * found exactly through a table of interned key parts (ExactKeys, 22 bytes a key), totals and months per group.
 */
export class ConsistencyChecker implements RowChecker {
  private readonly keys = new ExactKeys();
  private readonly files: string[] = [];
  /** Per group, the partners' sum and the remainder rows' sum (and count): no strings per row. */
  private readonly parts = new KeyTable(true);
  private readonly remainders = new KeyTable(true);
  private readonly worlds: WorldRow[] = [];
  private readonly monthGroups = new Map<string, MonthGroup>();
  private readonly names = new Map<
    string,
    { raw: string; name: string; line: number; file: string; reported: boolean }
  >();

  constructor(
    private readonly sink: ProblemSink,
    /** A World row may differ from its parts by this fraction of it (or two units of the file's rounding). */
    private readonly tolerance = 0.005,
  ) {}

  /** Checks one row against those before it. */
  add(row: TradeRow, place: RowPlace): void {
    // A row by a hidden dimension (a port, a mode of transport) is a part of a total row: not a repeat.
    if (row.detail !== undefined) return;
    let fileIndex = this.files.lastIndexOf(row.file);
    if (fileIndex === -1) fileIndex = this.files.push(row.file) - 1;
    const month = row.month ?? 0;
    const what = row.code ?? row.category ?? '';
    this.duplicate(row, month, what, fileIndex, place);
    if (row.value === undefined) return;
    // Tolerance checks: a double is close enough past 2^53.
    const value = toNumber(row.value);

    const kind = row.partner.kind;
    if (
      kind === 'world' ||
      kind === 'remainder' ||
      kind === 'pseudo' ||
      kind === 'country' ||
      kind === 'unknown'
    ) {
      // The group by the ids the duplicate check just interned (period; reporter, flow, source and basis;
      // code or category), not by hashing the strings again.
      const ids = this.keys.lastKey;
      const g = this.parts
        .begin()
        .int(fileIndex)
        .int(ids[0] as number)
        .int(ids[1] as number)
        .int(ids[3] as number);
      const group = g.hash();
      if (kind === 'world') {
        this.worlds.push({
          value: value,
          file: row.file,
          line: row.line,
          place,
          scale: row.valueScale,
          group,
        });
      } else {
        const table = kind === 'remainder' || kind === 'pseudo' ? this.remainders : this.parts;
        table.seek(group[0], group[1]);
        const slot = table.find();
        if (slot === -1) table.add(row.line, fileIndex, value);
        else table.addTo(slot, value);
      }
    }

    if (place.hasMonths && kind !== 'group' && !row.cumulative) {
      const mk = `${row.year}|${row.reporter}|${row.flow ?? ''}|${row.partner.code}|${what}|${row.source}`;
      let m = this.monthGroups.get(mk);
      if (!m) {
        m = { months: new Map(), scale: row.valueScale };
        this.monthGroups.set(mk, m);
      }
      if (month === 0) m.annual = { value: value, file: row.file, line: row.line };
      else m.months.set(month, (m.months.get(month) ?? 0) + value);
    }

    if (place.partnerCodeText && place.partnerNameText) {
      // The same cells as the first row of the code: nothing to compare (no normalising on every row).
      const first = this.names.get(place.partnerCodeText);
      if (first?.raw === place.partnerNameText || first?.reported) return;
      const code = place.partnerCodeText.trim();
      const name = place.partnerNameText.normalize('NFC').replace(/\s+/g, ' ').trim();
      const seen = this.names.get(code);
      const raw = place.partnerNameText;
      if (!seen) this.names.set(code, { raw, name, line: row.line, file: row.file, reported: false });
      else if (!seen.reported && seen.name.toLowerCase() !== name.toLowerCase()) {
        seen.reported = true;
        this.sink.emit({
          file: row.file,
          line: row.line,
          column: place.partnerColumn,
          field: place.partnerField,
          code: 'partner-two-names',
          severity: 'warning',
          message: `partner code ${code} is "${name}" here and "${seen.name}" at ${seen.file}:${seen.line}`,
        });
      }
    }
  }

  /** Reports what can be known only at the end: totals against their parts, months against their year. */
  finish(): void {
    for (const w of this.worlds) {
      const sumOf = (table: KeyTable): number | undefined => {
        const slot = table.seek(w.group[0], w.group[1]).find();
        return slot === -1 ? undefined : table.value(slot);
      };
      const remainder = sumOf(this.remainders);
      const sum = (sumOf(this.parts) ?? 0) + (remainder ?? 0);
      const hasRemainder = remainder !== undefined;
      const tol = Math.max(Math.abs(w.value) * this.tolerance, 2 * 10 ** w.scale);
      const over = sum - w.value > tol;
      const off = hasRemainder && Math.abs(sum - w.value) > tol;
      if (!over && !off) continue;
      this.sink.emit({
        file: w.file,
        line: w.line,
        column: w.place.valueColumn,
        field: w.place.valueField,
        code: 'total-mismatch',
        severity: 'error',
        message: `the World/total row says ${fmt(w.value)} but its parts add up to ${fmt(sum)} (${hasRemainder ? 'partners and the remainder' : 'partners'}; off by ${fmt(sum - w.value)}, tolerance ${fmt(tol)})`,
        hint: over ? 'a partner value is too large, or a partner is listed twice' : undefined,
      });
    }
    for (const m of this.monthGroups.values()) {
      if (!m.annual || m.months.size !== 12) continue;
      let sum = 0;
      for (const v of m.months.values()) sum += v;
      const tol = Math.max(Math.abs(m.annual.value) * this.tolerance, 2 * 10 ** m.scale);
      if (Math.abs(sum - m.annual.value) <= tol) continue;
      this.sink.emit({
        file: m.annual.file,
        line: m.annual.line,
        column: null,
        field: null,
        code: 'months-contradict-year',
        severity: 'error',
        message: `the annual row says ${fmt(m.annual.value)} but its twelve months add up to ${fmt(sum)}`,
      });
    }
  }

  /**
   * Looks the row's key up; a second sighting is a problem naming the first, under the rule `share` applies
   * to the same rows: a repeated partner row is counted as given (a warning; --dedupe counts an exact repeat
   * once), a second World row for one key stops an analysis (an error).
   */
  private duplicate(row: TradeRow, month: number, what: string, fileIndex: number, place: RowPlace): void {
    const k = this.keys;
    const slot = k.find(
      row.year,
      month,
      row.reporter,
      row.flow ?? '',
      row.source,
      row.basis ?? '',
      row.partner.code,
      what,
    );
    if (slot === -1) {
      k.add(row.line, fileIndex);
      return;
    }
    const world = row.partner.kind === 'world';
    if (!this.sink.listing) {
      // Not listed: counted without its words (a file of repeats has millions).
      this.sink.count(row.file, world ? 'duplicate-total' : 'duplicate-row', world ? 'error' : 'warning');
      return;
    }
    const file = this.files[k.file(slot)];
    const at = file === row.file ? `line ${k.line(slot)}` : `${file}:${k.line(slot)}`;
    const key = `the same year, period, reporter, partner (${row.partner.name}), flow and ${row.code ? `code ${row.code}` : 'category'} as ${at}`;
    if (world) {
      this.sink.emit({
        file: row.file,
        line: row.line,
        column: place.partnerColumn,
        field: place.partnerField,
        code: 'duplicate-total',
        severity: 'error',
        message: `a second World/total row for ${key.slice(9)}: a total is given once, and an analysis stops here`,
        hint: 'remove one; if they are the same row, --dedupe counts it once',
      });
      return;
    }
    this.sink.emit({
      file: row.file,
      line: row.line,
      column: place.partnerColumn,
      field: place.partnerField,
      code: 'duplicate-row',
      severity: 'warning',
      message: `${key}: both are counted, as SQL's SUM() would (an analysis warns; --dedupe counts an exact repeat once)`,
    });
  }
}

function fmt(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
