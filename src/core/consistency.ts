import type { ProblemSink } from '../model/problems.js';
import type { RowChecker, RowPlace, TradeRow } from '../model/rows.js';
import { grown } from '../model/typed-arrays.js';
import { toNumber } from '../model/usd.js';
import { ExactKeys } from './exact-keys.js';
import { GroupSums, MonthSums } from './group-sums.js';

/** A World/total row, kept to be checked against the sum of its group at the end. */
interface WorldRow {
  value: number;
  file: string;
  line: number;
  place: RowPlace;
  scale: number;
  /** Its group (file, year, month, reporter, flow, code, source) in the sums. */
  group: number;
}

interface MonthGroup {
  annual?: { value: number; file: string; line: number };
  months: MonthSums;
  scale: number;
  /** Its place in `monthList`. */
  index: number;
}

/**
 * The checks across rows: duplicate keys, World/total rows against their parts, twelve months against
 * their year, and a partner code under two names. Memory grows with distinct keys only: duplicates are
 * found exactly through a table of interned key parts (ExactKeys, about 50 bytes a key), totals and months per group.
 */
export class ConsistencyChecker implements RowChecker {
  private readonly keys = new ExactKeys();
  private readonly files: string[] = [];
  private lastFile: string | undefined;
  private lastFileIndex = -1;
  /** Per group, the partners' sum and the remainder rows' sum: no strings per row. */
  private readonly sums = new GroupSums();
  private readonly worlds: WorldRow[] = [];
  private readonly monthGroups = new Map<string, MonthGroup>();
  /** The month groups by index, and by key slot the index + 1 of its group (0: not looked up yet). */
  private readonly monthList: MonthGroup[] = [];
  private keyMonths = new Int32Array(1024);
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
    const fileIndex = row.file === this.lastFile ? this.lastFileIndex : this.fileIndexOf(row.file);
    const month = row.month ?? 0;
    const what = row.code ?? row.category ?? '';
    const slot = this.duplicate(row, month, what, fileIndex, place);
    if (row.value === undefined) return;
    // Tolerance checks: a double is close enough past 2^53.
    const value = toNumber(row.value);

    const kind = row.partner.kind;
    if (
      kind === 'country' ||
      kind === 'world' ||
      kind === 'remainder' ||
      kind === 'pseudo' ||
      kind === 'unknown'
    ) {
      const group = this.groupOf(slot, fileIndex);
      if (kind === 'world') {
        this.worlds.push({
          value: value,
          file: row.file,
          line: row.line,
          place,
          scale: row.valueScale,
          group,
        });
      } else this.sums.add(group, kind === 'remainder' || kind === 'pseudo', value);
    }

    if (place.hasMonths && kind !== 'group' && !row.cumulative) {
      const m = this.monthGroupOf(slot, row, what);
      if (month === 0) m.annual = { value: value, file: row.file, line: row.line };
      else m.months.add(month, value);
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
      const remainder = this.sums.remainder(w.group);
      const sum = (this.sums.parts(w.group) ?? 0) + (remainder ?? 0);
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
      const sum = m.months.total();
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
  private duplicate(row: TradeRow, month: number, what: string, fileIndex: number, place: RowPlace): number {
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
    if (slot === -1) return k.add(row.line, fileIndex);
    const world = row.partner.kind === 'world';
    if (!this.sink.listing) {
      // Not listed: counted without its words (a file of repeats has millions).
      this.sink.count(row.file, world ? 'duplicate-total' : 'duplicate-row', world ? 'error' : 'warning');
      return slot;
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
      return slot;
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
    return slot;
  }

  /**
   * The group of twelve months and their year that the row of key `slot` is in: by its text the first time
   * (year, reporter, flow, partner, code or category, source: all parts of the key), then kept with the key.
   */
  private monthGroupOf(slot: number, row: TradeRow, what: string): MonthGroup {
    const i = slot < this.keyMonths.length ? (this.keyMonths[slot] as number) : 0;
    if (i > 0) return this.monthList[i - 1] as MonthGroup;
    const mk = `${row.year}|${row.reporter}|${row.flow ?? ''}|${row.partner.code}|${what}|${row.source}`;
    let m = this.monthGroups.get(mk);
    if (!m) {
      m = { months: new MonthSums(), scale: row.valueScale, index: this.monthList.length };
      this.monthGroups.set(mk, m);
      this.monthList.push(m);
    }
    if (slot >= this.keyMonths.length) {
      this.keyMonths = grown(this.keyMonths, Math.max(slot + 1, this.keyMonths.length * 2));
    }
    this.keyMonths[slot] = m.index + 1;
    return m;
  }

  private fileIndexOf(file: string): number {
    let i = this.files.lastIndexOf(file);
    if (i === -1) i = this.files.push(file) - 1;
    this.lastFile = file;
    this.lastFileIndex = i;
    return i;
  }

  /**
   * The group of the row of key `slot` in file `fileIndex` (the key's period, context and code or category,
   * and the file), kept with the key: a repeated key costs no look-up, unless its rows are in several files.
   */
  private groupOf(slot: number, fileIndex: number): number {
    const k = this.keys;
    const tagged = k.tag(slot);
    if (tagged !== 0 && this.sums.file(tagged) === fileIndex) return tagged;
    const ids = k.idsOf(slot);
    const group = this.sums.group(fileIndex, ids[0] as number, ids[1] as number, ids[3] as number);
    k.setTag(slot, group);
    return group;
  }
}

function fmt(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
