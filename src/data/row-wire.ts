// Trade rows as they cross from a range-reading thread to the thread that adds them up (range-read.ts):
// numbers in typed arrays, texts and partners as small numbers into tables sent once each. A row is
// rebuilt as the same TradeRow the one-thread reader hands on, field for field.

import type { MatchKind } from '../catalog/categories.js';
import type { CodeSystemName } from '../catalog/classifications.js';
import type { Flow } from '../catalog/flows.js';
import type { Partner, PartnerKind } from '../catalog/partners.js';
import type { TradeRow } from '../model/rows.js';
import type { Usd } from '../model/usd.js';

/** Ints per row (see the field offsets below) and rows per batch. */
const INTS = 19;
export const BATCH_ROWS = 4096;

// Field offsets in a row's ints.
const LINE = 0;
const YEAR = 1;
const MONTH = 2;
const FLAGS = 3;
const PARTNER = 4;
const COLUMN = 5;
const MARKER = 6;
const CATEGORY = 7;
const CODE = 8;
const SYSTEM = 9;
const MATCH = 10;
const REPORTER = 11;
const FLOW = 12;
const SOURCE = 13;
const BASIS = 14;
const DEFINITION = 15;
const SCALE = 16;
const DETAIL = 17;
const BIG = 18;

// Flags.
const CUMULATIVE = 1;
const PADDED = 2;
const NOT_PADDED = 4;
const NO_VALUE = 8;
const BIGINT = 16;

const KINDS: readonly PartnerKind[] = ['country', 'world', 'remainder', 'group', 'pseudo', 'unknown'];

/** One batch of rows: their numbers, and the texts and partners first met in it. */
export interface RowBatch {
  count: number;
  ints: Int32Array;
  values: Float64Array;
  /** Texts numbered from the last batch's end, in order. */
  texts: string[];
  /** Partners numbered from the last batch's end, 4 numbers each: kind, code, name, standsFor (texts; -1). */
  partners: number[];
}

/** Writes rows into batches (the range-reading thread's side). */
export class RowWriter {
  private ints = new Int32Array(BATCH_ROWS * INTS);
  private values = new Float64Array(BATCH_ROWS);
  private count = 0;
  private texts: string[] = [];
  private partners: number[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly partnerIds = new Map<Partner, number>();
  private readonly partnerKeys = new Map<string, number>();
  private nextPartner = 0;
  // The last text of each field and its number: a file's rows mostly repeat them.
  private readonly lastText: Array<string | undefined> = new Array(INTS).fill(undefined);
  private readonly lastId = new Int32Array(INTS).fill(-1);
  private lastPartner: Partner | undefined;
  private lastPartnerId = -1;

  constructor(private readonly send: (batch: RowBatch) => void) {}

  /** Takes one row (the reader's, refilled for the next: nothing of it is kept). */
  add(row: TradeRow): void {
    const o = this.count * INTS;
    const ints = this.ints;
    ints[o + LINE] = row.line;
    ints[o + YEAR] = row.year;
    ints[o + MONTH] = row.month ?? 0;
    let flags = row.cumulative ? CUMULATIVE : 0;
    if (row.padded === true) flags |= PADDED;
    else if (row.padded === false) flags |= NOT_PADDED;
    const value = row.value;
    if (value === undefined) {
      flags |= NO_VALUE;
      ints[o + BIG] = -1;
    } else if (typeof value === 'bigint') {
      flags |= BIGINT;
      ints[o + BIG] = this.text(BIG, value.toString());
    } else {
      this.values[this.count] = value;
      ints[o + BIG] = -1;
    }
    ints[o + FLAGS] = flags;
    ints[o + PARTNER] = this.partner(row.partner);
    ints[o + COLUMN] = row.column ?? -1;
    ints[o + SCALE] = row.valueScale;
    ints[o + MARKER] = this.text(MARKER, row.marker);
    ints[o + CATEGORY] = this.text(CATEGORY, row.category);
    ints[o + CODE] = this.text(CODE, row.code);
    ints[o + SYSTEM] = this.text(SYSTEM, row.system);
    ints[o + MATCH] = this.text(MATCH, row.match);
    ints[o + REPORTER] = this.text(REPORTER, row.reporter);
    ints[o + FLOW] = this.text(FLOW, row.flow);
    ints[o + SOURCE] = this.text(SOURCE, row.source);
    ints[o + BASIS] = this.text(BASIS, row.basis);
    ints[o + DEFINITION] = this.text(DEFINITION, row.definition);
    ints[o + DETAIL] = this.text(DETAIL, row.detail);
    if (++this.count === BATCH_ROWS) this.flush();
  }

  /** Sends the rows written since the last batch, if any. */
  flush(): void {
    if (this.count === 0 && this.texts.length === 0) return;
    this.send({
      count: this.count,
      ints: this.ints.subarray(0, this.count * INTS),
      values: this.values.subarray(0, this.count),
      texts: this.texts,
      partners: this.partners,
    });
    this.ints = new Int32Array(BATCH_ROWS * INTS);
    this.values = new Float64Array(BATCH_ROWS);
    this.count = 0;
    this.texts = [];
    this.partners = [];
  }

  private text(field: number, text: string | undefined): number {
    if (text === undefined) return -1;
    if (text === this.lastText[field]) return this.lastId[field] as number;
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.textIds.size;
      this.textIds.set(text, id);
      this.texts.push(text);
    }
    this.lastText[field] = text;
    this.lastId[field] = id;
    return id;
  }

  private partner(p: Partner): number {
    if (p === this.lastPartner) return this.lastPartnerId;
    let id = this.partnerIds.get(p);
    if (id === undefined) {
      // A partner object made for one row (a Census group) is known again by what it holds.
      const key = `${p.kind}\u0000${p.code}\u0000${p.name}\u0000${p.standsFor ?? ''}`;
      id = this.partnerKeys.get(key);
      if (id === undefined) {
        id = this.nextPartner++;
        this.partnerKeys.set(key, id);
        this.partners.push(
          KINDS.indexOf(p.kind),
          this.text(PARTNER, p.code),
          this.text(PARTNER, p.name),
          p.standsFor === undefined ? -1 : this.text(PARTNER, p.standsFor),
        );
      }
      // Identities are kept while few: rows that each make their own object are found by their key.
      if (this.partnerIds.size < 1 << 16) this.partnerIds.set(p, id);
    }
    this.lastPartner = p;
    this.lastPartnerId = id;
    return id;
  }
}

/** Reads batches back into rows (the adding thread's side), one reader per range. */
export class RowReader {
  private readonly texts: string[] = [];
  private readonly partners: Partner[] = [];
  private readonly row = {} as TradeRow;

  constructor(
    private readonly file: string,
    /** Added to each row's line: the range's first line less one (0 when its lines count from the file's start). */
    private readonly lineBase: number,
  ) {}

  /** Hands each row of the batch to `onRow`, in one object refilled for each. */
  replay(batch: RowBatch, onRow: (row: TradeRow) => void): void {
    const texts = this.texts;
    for (const t of batch.texts) texts.push(t);
    const p = batch.partners;
    for (let i = 0; i < p.length; i += 4) {
      const partner: Partner = {
        kind: KINDS[p[i] as number] as PartnerKind,
        code: texts[p[i + 1] as number] as string,
        name: texts[p[i + 2] as number] as string,
      };
      const standsFor = p[i + 3] as number;
      if (standsFor >= 0) partner.standsFor = texts[standsFor];
      this.partners.push(partner);
    }
    const { ints, values } = batch;
    const out = this.row;
    const t = (id: number) => (id < 0 ? undefined : texts[id]);
    for (let r = 0; r < batch.count; r++) {
      const o = r * INTS;
      const flags = ints[o + FLAGS] as number;
      out.file = this.file;
      out.line = (ints[o + LINE] as number) + this.lineBase;
      out.year = ints[o + YEAR] as number;
      out.month = ints[o + MONTH] as number;
      out.cumulative = (flags & CUMULATIVE) !== 0;
      out.partner = this.partners[ints[o + PARTNER] as number] as Partner;
      out.value =
        flags & NO_VALUE
          ? undefined
          : flags & BIGINT
            ? (BigInt(texts[ints[o + BIG] as number] as string) as Usd)
            : (values[r] as Usd);
      const column = ints[o + COLUMN] as number;
      out.column = column < 0 ? undefined : column;
      out.marker = t(ints[o + MARKER] as number);
      out.category = t(ints[o + CATEGORY] as number);
      out.code = t(ints[o + CODE] as number);
      out.match = t(ints[o + MATCH] as number) as MatchKind | undefined;
      out.reporter = t(ints[o + REPORTER] as number) as string;
      out.flow = t(ints[o + FLOW] as number) as Flow | undefined;
      out.source = t(ints[o + SOURCE] as number) as string;
      out.basis = t(ints[o + BASIS] as number);
      out.definition = t(ints[o + DEFINITION] as number);
      out.valueScale = ints[o + SCALE] as number;
      out.detail = t(ints[o + DETAIL] as number);
      out.system = t(ints[o + SYSTEM] as number) as CodeSystemName | undefined;
      out.padded = flags & PADDED ? true : flags & NOT_PADDED ? false : undefined;
      onRow(out);
    }
  }
}
