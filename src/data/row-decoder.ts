// The row decoding: one data row's cells into a typed row, run once per row (and per value cell of a wide
// row) of every read, so the hot path of korus-stats. It is one class past the usual 300 lines because
// row() and the cell readers it calls read the file's column positions and caches as fields of one object,
// each set once (spread over several objects, every cell read would cost another load, 10M times over);
// what is not per row (the plan, the constants, the errors) is made elsewhere (file-plan, row-setup,
// row-errors).
import type { CodeInfo } from '../catalog/classifications.js';
import type { FlowInfo } from '../catalog/flows.js';
import type { Partner } from '../catalog/partners.js';
import type { Location } from '../errors.js';
import type { ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import type { Usd } from '../model/usd.js';
import type { Field } from '../sources/types.js';
import type { FieldCache, FieldReader } from './field-cache.js';
import { parseDecimal, parseYear, trimCell } from './numbers.js';
import type { FilePlan } from './plan-types.js';
import type { ReadOptions } from './read-options.js';
import {
  badFlow,
  badMonth,
  badNumber,
  badPeriod,
  badPeriodMonth,
  badYear,
  emptyPartner,
} from './row-errors.js';
import {
  type DimensionReader,
  type Directional,
  dimensionReaders,
  directionalOf,
  type RowConstants,
  rowConstants,
} from './row-setup.js';
import type { SharedCaches } from './shared-caches.js';

/** What a decoder reads with besides the plan: the file's name and options, the read's report and caches. */
export interface DecodeContext {
  name: string;
  options: ReadOptions;
  report: ReadReport;
  filter: RowFilter;
  caches: SharedCaches;
  /** Refill one row object for every row (the consumer does not keep rows). */
  reuseRows: boolean;
}

/** Turns one file's records into typed rows by its plan, counting what the filter leaves out. */
export class RowDecoder {
  // Every field is declared only and set once in the constructor: the engine then knows each by its first
  // value (a small integer, an object of one shape), not as "undefined, then something".
  declare private readonly plan: FilePlan;
  declare private readonly name: string;
  declare private readonly options: ReadOptions;
  declare private readonly report: ReadReport;
  declare private readonly filter: RowFilter;
  declare private readonly caches: SharedCaches;
  declare private readonly reuseRows: boolean;
  // Column positions as plain numbers (-1: no such column), read once per row on the hot path.
  declare private readonly yearCol: number;
  declare private readonly monthCol: number;
  declare private readonly periodCol: number;
  declare private readonly flowCol: number;
  declare private readonly flowTextCol: number;
  declare private readonly categoryCol: number;
  declare private readonly codeCol: number;
  declare private readonly classCol: number;
  declare private readonly reporterCol: number;
  declare private readonly reporterCodeCol: number;
  declare private readonly sourceCol: number;
  declare private readonly partnerCol: number;
  declare private readonly partnerCodeCol: number;
  declare private readonly partnerIsoCol: number;
  declare private readonly basisCol: number;
  declare private readonly definitionCol: number;
  declare private readonly levelCol: number;
  declare private readonly unitCol: number;
  declare private readonly dims: DimensionReader[];
  /** Per-file constants: --set values, the source's own, what title lines and parameters say. */
  declare private readonly constant: RowConstants;
  declare private readonly codeCache: FieldCache<CodeInfo>;
  declare private readonly flowCache: FieldCache<FlowInfo | undefined>;
  declare private readonly partnerCache: FieldCache<Partner | undefined>;
  declare private readonly nameCache: FieldCache<Partner | undefined>;
  declare private readonly reporterCache: FieldCache<string>;
  /** The flow a row gets when its flow cell names none (WITS: "Exports & Imports"). */
  declare private readonly notFlow: Set<string>;
  /** Importer and exporter columns of a directional source (BACI), by the flow asked for. */
  declare private readonly directional: Directional | undefined;
  /** Codes are HS with no classification column: the two-digit shortcut of the category filter holds. */
  declare private readonly fastLeads: boolean;
  /** Partner codes are read as names are (the profile's code system is 'any' or 'name'). */
  declare private readonly codesAreNames: boolean;
  /** --hs-level, or -1. */
  declare private readonly hsLevel: number;
  /** The value column is year to date (Census *_YR): a month's row is cumulative. */
  declare private readonly cumulative: boolean;

  constructor(plan: FilePlan, context: DecodeContext) {
    const { caches, report, filter, options } = context;
    this.plan = plan;
    this.name = context.name;
    this.options = options;
    this.report = report;
    this.filter = filter;
    this.caches = caches;
    this.reuseRows = context.reuseRows;
    const at = (f: Field) => plan.index[f] ?? -1;
    this.yearCol = at('year');
    this.monthCol = at('month');
    this.periodCol = at('period');
    this.flowCol = at('flow');
    this.flowTextCol = at('flow_text');
    this.categoryCol = at('category');
    this.codeCol = at('code');
    this.classCol = at('classification');
    this.reporterCol = at('reporter');
    this.reporterCodeCol = at('reporter_code');
    this.sourceCol = at('source');
    this.partnerCol = at('partner');
    this.partnerCodeCol = at('partner_code');
    this.partnerIsoCol = at('partner_iso');
    this.basisCol = at('basis');
    this.definitionCol = at('definition');
    this.levelCol = at('level');
    this.unitCol = at('unit');
    const profile = plan.profile;
    this.hsLevel = options.hsLevel ?? -1;
    this.cumulative = plan.measure?.cumulative === true;
    this.flowCache = caches.flow;
    this.partnerCache = caches.partner(profile.codes, profile.names);
    this.nameCache = caches.partner('name', profile.names);
    this.codesAreNames = profile.codes === 'any' || profile.codes === 'name';
    this.reporterCache = caches.reporter(profile.codes);
    this.notFlow = new Set((profile.notFlow ?? []).map((s) => s.trim().toLowerCase()));
    this.dims = dimensionReaders(plan, caches, report);
    this.directional = directionalOf(plan, filter.flow);
    this.constant = rowConstants(plan, caches);
    this.codeCache = caches.code(this.constant.classification ?? 'HS');
    this.fastLeads =
      this.codeCol >= 0 && this.classCol < 0 && (this.constant.classification ?? 'HS') === 'HS';
  }

  private where(field: Field, line: number): Location {
    return { file: this.name, line, column: (this.plan.index[field] as number) + 1 };
  }

  /** The row, or undefined when the filter leaves it out. Cells are read in order of cheapness. */
  row(
    r: FieldReader,
    wideYear: number,
    wideMonth: number,
    valueCol: number,
    codeOverride?: string,
  ): TradeRow | undefined {
    // The hot path of every read: rare cases are in methods of their own, so this stays small enough for
    // the engine to inline the cell readers into it.
    const { caches, filter, report, constant, plan } = this;
    const line = r.line;
    const year = wideYear > 0 ? wideYear : this.yearOf(r, line);

    // The commodity: a category label, or a code in the file's classification (first: it leaves out most rows).
    const category = this.categoryCol >= 0 ? r.cached(this.categoryCol, caches.category) : constant.category;
    if (category === undefined && this.fastLeads && filter.category && codeOverride === undefined) {
      // An even-length HS code whose first two digits no prefix of the category starts with is out, without a lookup.
      const lead = r.lead2(this.codeCol);
      if (lead >= 0 && caches.hsLeads[lead] === 0 && r.evenLength(this.codeCol)) {
        report.hsCodedRows++;
        return undefined;
      }
    }
    const coded = codeOverride !== undefined ? caches.totalCode : this.codeOf(r);
    if (category === undefined && coded?.code !== undefined) {
      report.hsCodedRows++;
      if (coded.padded) this.notePadded(coded);
    }
    let match: TradeRow['match'];
    if (filter.category) {
      match = category !== undefined ? this.byLabel(category) : this.byCode(coded);
      if (match === undefined) return undefined;
    }
    if (this.hsLevel >= 0 && coded?.code !== undefined && this.otherLevel(coded.code)) return undefined;

    const flowI = this.directional
      ? this.directional.info
      : this.flowCol >= 0
        ? (this.flowOf(r, line) ?? constant.flow)
        : constant.flow;
    const flow = flowI?.flow;
    if (flowI !== undefined && flow === undefined) return this.otherFlow(flowI);
    if (filter.flow !== undefined && flow !== undefined && flow !== filter.flow) {
      report.otherFlowRows[flow]++;
      return undefined;
    }

    // A row that splits a figure by a hidden dimension (a port, a mode of transport): handed on marked.
    const detail = this.dims.length ? this.detailOf(r) : undefined;

    const reporter = this.reporterOf(r);
    if (filter.reporter !== undefined && reporter !== filter.reporter) return undefined;
    const source =
      this.sourceCol >= 0 ? (r.cached(this.sourceCol, caches.text) ?? '') : (constant.source ?? '');
    if (filter.source !== undefined && source.toLowerCase() !== filter.source.toLowerCase()) return undefined;

    const month =
      wideMonth > 0
        ? wideMonth
        : this.monthCol >= 0 || this.periodCol >= 0
          ? this.monthCell(r, line, year)
          : 0;

    // A unit cell (WITS's Indicator, a `unit` column): its power of ten, or not a money value at all.
    const scale = this.unitCol >= 0 ? this.unitScale(r) : plan.valueScale;
    if (scale < 0) return undefined;

    // The row is wanted: read its value and partner.
    const d = caches.digitMarker ? -1 : r.digits(valueCol);
    const scaled = d * 10 ** scale;
    const fast = d >= 0 && scaled <= Number.MAX_SAFE_INTEGER;
    const value = fast ? scaled : this.valueText(r, valueCol, scale, codeOverride !== undefined);
    const partner = this.partnerOf(r, line);
    const out = this.reuseRows ? this.scratch : ({} as TradeRow);
    out.file = this.name;
    out.line = line;
    out.year = year;
    out.month = month;
    out.cumulative = month > 0 && this.cumulative;
    out.partner = partner;
    out.value = value;
    out.column = valueCol + 1;
    out.marker = fast || value !== undefined ? undefined : this.marker;
    out.category = category;
    out.code = coded?.code;
    out.match = match;
    out.reporter = reporter;
    out.flow = flow;
    out.source = source;
    out.basis = this.basisCol >= 0 || this.unitCol >= 0 ? this.basisOf(r) : constant.basis;
    out.definition =
      this.definitionCol >= 0 ? r.cached(this.definitionCol, caches.text) : constant.definition;
    out.valueScale = scale;
    out.detail = detail;
    out.system = coded?.system;
    out.padded = coded?.padded;
    return out;
  }

  /** The marker of the last value cell read as missing ("" for an empty cell). */
  private marker = '';

  private codeOf(r: FieldReader): CodeInfo | undefined {
    if (this.codeCol < 0) return undefined;
    const cache = this.classCol >= 0 ? r.cached(this.classCol, this.caches.classification) : this.codeCache;
    return r.cached(this.codeCol, cache);
  }

  private notePadded(coded: CodeInfo): void {
    const c = this.report.codes;
    c.padded++;
    if (c.examples.length < 3 && !c.examples.includes(coded.raw)) c.examples.push(coded.raw);
  }

  private byLabel(category: string): TradeRow['match'] {
    return this.caches.categoryNames.has(category) ? 'category-column' : undefined;
  }

  private byCode(coded: CodeInfo | undefined): TradeRow['match'] {
    if (coded?.match === 'none-defined') {
      // The category has no definition in this classification (an HS category, SITC codes): counted.
      const other = this.report.otherClassification;
      other.set(coded.system, (other.get(coded.system) ?? 0) + 1);
      return undefined;
    }
    return coded?.match;
  }

  private otherLevel(code: string): boolean {
    if (code.length === this.hsLevel || code === 'TOTAL') return false;
    this.report.codes.otherLevel++;
    return true;
  }

  /** A flow that is named but is not one of the four (Comtrade FM, DX, XOP): counted by flow. */
  private otherFlow(flowI: FlowInfo): undefined {
    const key = `${flowI.code} (${flowI.label})`;
    this.report.otherFlows.set(key, (this.report.otherFlows.get(key) ?? 0) + 1);
    return undefined;
  }

  /** The hidden dimension a row splits its figure by, or undefined for a total row (counted either way). */
  private detailOf(r: FieldReader): string | undefined {
    for (const d of this.dims) {
      if (r.cached(d.col, d.totals)) continue;
      d.stats.detail++;
      return d.label;
    }
    for (const d of this.dims) d.stats.total++;
    return undefined;
  }

  private reporterOf(r: FieldReader): string {
    if (this.directional) return r.cached(this.directional.reporter, this.reporterCache);
    if (this.reporterCol >= 0) {
      const reporter = r.cached(this.reporterCol, this.reporterCache);
      if (reporter !== '' || this.reporterCodeCol < 0) return reporter;
    }
    if (this.reporterCodeCol >= 0) return r.cached(this.reporterCodeCol, this.reporterCache);
    return this.constant.reporter ?? '';
  }

  private monthCell(r: FieldReader, line: number, year: number): number {
    return this.monthCol >= 0 ? this.monthOf(r, this.monthCol, line, year) : this.periodMonth(r, line, year);
  }

  /** A unit cell's power of ten (--unit wins), or -1 for a unit that is not money (counted). */
  private unitScale(r: FieldReader): number {
    const u = r.cached(this.unitCol, this.caches.unit);
    if (u === undefined) {
      const text = r.text(this.unitCol).trim();
      this.report.notMoney.set(text, (this.report.notMoney.get(text) ?? 0) + 1);
      return -1;
    }
    return this.options.unit === undefined ? u : this.plan.valueScale;
  }

  /**
   * A value cell that is not plain digits: a missing or suppressed marker (undefined, with `marker` set), or
   * a number read strictly (a footer's totals, and some sources' values, have thousands separators).
   */
  private valueText(r: FieldReader, valueCol: number, scale: number, footer: boolean): Usd | undefined {
    const valueText = r.text(valueCol);
    const trimmed = trimCell(valueText);
    if (trimmed === '' || this.caches.markers.has(trimmed.toLowerCase())) {
      this.marker = trimmed;
      return undefined;
    }
    const numbers = this.options.numbers;
    const thousands = footer ? ',' : this.plan.profile.thousands;
    const format =
      thousands && !numbers.thousands && numbers.decimal === '.' ? { ...numbers, thousands } : numbers;
    const value = parseDecimal(valueText, format, scale);
    if (value === undefined) {
      throw badNumber({ file: this.name, line: r.line, column: valueCol + 1 }, valueText, numbers);
    }
    return value;
  }

  private yearOf(r: FieldReader, line: number): number {
    const yi = this.yearCol;
    if (yi < 0) {
      // No year column: the period's first four digits (YYYY, YYYYMM, YYYY-MM).
      const text = trimCell(r.text(this.periodCol));
      const m = /^(\d{4})(?:-?\d{2})?$/.exec(text);
      if (!m) throw badPeriod(this.where('period', line), text);
      return Number(m[1]);
    }
    const y = r.digits(yi);
    const parsed = y >= 1000 && y <= 9999 ? y : parseYear(r.text(yi));
    if (parsed === undefined) throw badYear(this.where('year', line), r.text(yi));
    return parsed;
  }

  /** The flow of a row: its flow code, else its flow text (legacy Comtrade: code 0, text "M"). */
  private flowOf(r: FieldReader, line: number): FlowInfo | undefined {
    const info = r.cached(this.flowCol, this.flowCache);
    if (info) return info;
    if (this.flowTextCol >= 0) {
      const text = r.cached(this.flowTextCol, this.flowCache);
      if (text) return text;
    }
    const cell = r.text(this.flowCol).trim().toLowerCase();
    if (this.notFlow.has(cell)) return undefined;
    const text = this.flowTextCol >= 0 ? r.text(this.flowTextCol) : undefined;
    throw badFlow(this.where('flow', line), r.text(this.flowCol), text);
  }

  /** The partner: its code in the source's system, else its ISO-like code, else its name; or the file's one. */
  private partnerOf(r: FieldReader, line: number): Partner {
    let partner: Partner | undefined;
    if (this.directional) partner = r.cached(this.directional.partner, this.partnerCache);
    else {
      let from = -1;
      if (this.partnerCodeCol >= 0) {
        partner = r.cached(this.partnerCodeCol, this.partnerCache);
        from = this.partnerCodeCol;
      }
      if ((!partner || partner.kind === 'unknown') && this.partnerIsoCol >= 0) {
        const iso = r.cached(this.partnerIsoCol, this.partnerCache);
        if (iso && (!partner || iso.kind !== 'unknown')) {
          partner = iso;
          from = this.partnerIsoCol;
        }
      }
      if ((!partner || partner.kind === 'unknown') && this.partnerCol >= 0) {
        // A code cell holding the same text as the name cell, its codes read as names are: the name cell
        // says no more (so a file of millions of names resolves each once, not twice).
        const byName =
          partner && this.codesAreNames && r.sameCell(from, this.partnerCol)
            ? partner
            : r.cached(this.partnerCol, this.nameCache);
        // A code the catalog does not know keeps the file's own name for it.
        if (byName && (!partner || byName.kind !== 'unknown' || partner.kind === 'unknown')) partner = byName;
      }
    }
    partner ??= this.constant.partner;
    if (!partner) {
      const field: Field =
        this.partnerCol >= 0 ? 'partner' : this.partnerCodeCol >= 0 ? 'partner_code' : 'partner_iso';
      throw emptyPartner(this.where(field, line));
    }
    if (
      this.levelCol >= 0 &&
      partner.kind !== 'world' &&
      r.cached(this.levelCol, this.caches.text) === 'CGP'
    ) {
      // Census marks its country groups (EUROPEAN UNION, PACIFIC RIM COUNTRIES, ...) in SUMMARY_LVL.
      partner = { kind: 'group', code: partner.name, name: partner.name };
    }
    return partner;
  }

  /** The row's basis: its basis cell (a source's data type, named), else a unit cell naming the measure. */
  private basisOf(r: FieldReader): string | undefined {
    if (this.basisCol < 0) {
      // A unit cell that names the measure (WITS's "Import (US$ Thousand)") is the basis when nothing else is.
      return this.constant.basis ?? r.cached(this.unitCol, this.caches.text);
    }
    const text = r.cached(this.basisCol, this.caches.text);
    if (text === undefined) return this.plan.measure?.basis;
    return this.plan.profile.basis?.(text) ?? text;
  }

  /** The row object refilled for every row when rows are not kept. */
  private readonly scratch: TradeRow = {
    file: '',
    line: 0,
    year: 0,
    month: 0,
    cumulative: false,
    partner: { kind: 'unknown', code: '', name: '' },
    value: undefined,
    marker: undefined,
    category: undefined,
    code: undefined,
    match: undefined,
    reporter: '',
    flow: undefined,
    source: '',
    basis: undefined,
    definition: undefined,
    valueScale: 0,
    detail: undefined,
    system: undefined,
    padded: undefined,
  };

  /** The month a month cell names: 1-12, or 0 for a year (empty, 0, or Comtrade's 52). */
  private monthOf(r: FieldReader, col: number, line: number, year: number): number {
    const m = r.digits(col);
    if (m >= 1 && m <= 12) return m;
    if (m === 0 || m === 52) return 0;
    const text = trimCell(r.text(col));
    if (text === '') return 0;
    // Census also writes "2016-12" style months in its time column.
    const ym = /^(\d{4})-(\d{2})$/.exec(text);
    if (ym && Number(ym[1]) === year && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return Number(ym[2]);
    throw badMonth({ file: this.name, line, column: col + 1 }, text);
  }

  /** The month of a YYYYMM or YYYY-MM period (0 for a YYYY one), checked against the row's year. */
  private periodMonth(r: FieldReader, line: number, year: number): number {
    const text = trimCell(r.text(this.periodCol));
    const m = /^(\d{4})(?:-?(\d{2}))?$/.exec(text);
    const month = m?.[2] === undefined ? 0 : Number(m[2]);
    if (!m || Number(m[1]) !== year || month > 12 || (m[2] !== undefined && month === 0)) {
      throw badPeriodMonth({ file: this.name, line, column: this.periodCol + 1 }, text, year);
    }
    return month;
  }
}
