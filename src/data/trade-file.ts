import { type CodeInfo, type CodeSystemName, classificationOf } from '../catalog/classifications.js';
import { type FlowInfo, flowInfo } from '../catalog/flows.js';
import type { Partner } from '../catalog/partners.js';
import { InputError, type Location, UsageError } from '../errors.js';
import type { DimensionStats, FileStats, ReadReport, RowFilter, TradeRow } from '../model/rows.js';
import { canonical } from '../sources/canonical.js';
import { detectProfile, profileByName } from '../sources/index.js';
import { type Field, headerView, type SourceProfile, type WorkbookFacts } from '../sources/types.js';
import type { FieldCache, FieldReader } from './field-cache.js';
import { type FilePlan, planFile } from './file-plan.js';
import { explainBadNumber, parseDecimal, parseYear, trimCell } from './numbers.js';
import type { ReadOptions } from './read-options.js';
import type { SharedCaches } from './shared-caches.js';

/** A record seen before the header, while the header is looked for past title lines. */
interface EarlyRecord {
  fields: string[];
  line: number;
}

/** How many lines korus-stats looks through for a header before giving up. */
const MAX_PREAMBLE = 12;

/**
 * Reads one file's records: finds the header (past a source's title lines, R's write.csv names), makes a
 * plan from it and the source's profile, then turns each record into typed rows, counting every one.
 */
export class TradeFile {
  private plan: FilePlan | undefined;
  private stats: FileStats | undefined;
  private pendingBlank: number[] = [];
  private early: EarlyRecord[] = [];
  private firstError: InputError | undefined;
  /** Line 1 was R's `"","V1","V2",...`: the real header is the next record, after a row-names cell. */
  private rMatrix = false;
  /** Facts a workbook's parameters sheet gave (DataWeb's "Query Parameters"). */
  private readonly sheetFacts: WorkbookFacts | undefined;
  private readonly sheetName: string | undefined;
  // Column positions as plain numbers (-1: no such column), read once per row on the hot path.
  private yearCol = -1;
  private monthCol = -1;
  private periodCol = -1;
  private flowCol = -1;
  private flowTextCol = -1;
  private categoryCol = -1;
  private codeCol = -1;
  private classCol = -1;
  private reporterCol = -1;
  private reporterCodeCol = -1;
  private sourceCol = -1;
  private valueCol = -1;
  private partnerCol = -1;
  private partnerCodeCol = -1;
  private partnerIsoCol = -1;
  private basisCol = -1;
  private definitionCol = -1;
  private levelCol = -1;
  private unitCol = -1;
  private width = 0;
  private dims: Array<{ col: number; totals: FieldCache<boolean>; label: string; stats: DimensionStats }> =
    [];
  /** Per-file constants: --set values, the source's own, what title lines and parameters say. */
  private constant: {
    flow?: FlowInfo;
    reporter?: string;
    source?: string;
    basis?: string;
    definition?: string;
    category?: string;
    partner?: Partner;
    classification?: CodeSystemName;
  } = {};
  private codeCache: FieldCache<CodeInfo>;
  private flowCache: FieldCache<FlowInfo | undefined>;
  private partnerCache: FieldCache<Partner | undefined>;
  private nameCache: FieldCache<Partner | undefined>;
  private reporterCache: FieldCache<string>;
  private dimensionCache = new Map<string, FieldCache<boolean>>();
  /** The flow a row gets when its flow cell names none (WITS: "Exports & Imports"). */
  private notFlow: Set<string> = new Set();
  /** Importer and exporter columns of a directional source (BACI), by the flow asked for. */
  private directional: { reporter: number; partner: number; info: FlowInfo } | undefined;
  /** Codes are HS with no classification column: the two-digit shortcut of the category filter holds. */
  private fastLeads = false;
  /** --hs-level, or -1. */
  private hsLevel = -1;
  /** The value column is year to date (Census *_YR): a month's row is cumulative. */
  private cumulative = false;
  /** The source's test of a "Total:" row, when it writes one. */
  private footerTest: ((fields: readonly string[]) => boolean) | undefined;

  constructor(
    private readonly name: string,
    private readonly options: ReadOptions,
    private readonly report: ReadReport,
    private readonly filter: RowFilter,
    private readonly caches: SharedCaches,
    private readonly onRow: (row: TradeRow) => void,
    /** Refill one row object for every row (the consumer does not keep rows). */
    private readonly reuseRows = false,
    context: { facts?: WorkbookFacts; sheet?: string } = {},
  ) {
    this.codeCache = caches.code('HS');
    this.flowCache = caches.flow;
    this.partnerCache = caches.partner('any');
    this.nameCache = caches.partner('name');
    this.reporterCache = caches.reporter('any');
    this.sheetFacts = context.facts;
    this.sheetName = context.sheet;
  }

  /** The file's plan, once the header has been read. */
  get columns(): FilePlan | undefined {
    return this.plan;
  }

  /** Lines above the header that are not the source's own (titles), when they were let through. */
  get titleLines(): number[] {
    return this.titles;
  }
  private titles: number[] = [];

  /** What was read of the file so far. */
  get fileStats(): FileStats | undefined {
    return this.stats;
  }

  /** The profile the file is read as. */
  get layoutName(): string {
    return this.plan?.profile.name ?? 'canonical';
  }

  record(r: FieldReader, meta: { encoding: string }): void {
    const plan = this.plan;
    if (!plan) {
      this.header(r, meta);
      return;
    }
    if (r.isBlank()) {
      this.pendingBlank.push(r.line);
      return;
    }
    if (this.pendingBlank.length) this.blanksBetween();
    if (r.count !== this.width && !this.otherWidth(r)) return;
    if (this.footerTest?.(firstCells(r, 2))) {
      this.footer(r, plan);
      return;
    }
    if (plan.echoes.length) this.checkEchoes(r, plan);
    if (plan.wide.length) {
      for (const cell of plan.wide) this.observe(r, plan, cell.year, cell.month, cell.column);
    } else {
      this.observe(r, plan, -1, -1, this.valueCol);
    }
  }

  /** Blank rows followed by data: between data rows, so listed. */
  private blanksBetween(): void {
    (this.stats as FileStats).blankLines.push(...this.pendingBlank);
    this.pendingBlank = [];
  }

  /**
   * A row whose width is not the header's: one empty field past the header (the Comtrade portal's trailing
   * comma) or a workbook row that ends at its last non-empty cell is read; any other is an error.
   */
  private otherWidth(r: FieldReader): boolean {
    const width = this.width;
    if (r.count === width + 1 && r.text(width) === '') {
      (this.stats as FileStats).trailingEmpty++;
      return true;
    }
    if (r.count < width && this.options.sheetRows) return true;
    throw raggedRow(this.name, r.line, r.count, width);
  }

  private checkEchoes(r: FieldReader, plan: FilePlan): void {
    for (const [a, b] of plan.echoes) {
      if (r.text(a) !== r.text(b)) {
        throw new InputError(
          { file: this.name, line: r.line, column: b + 1 },
          `column ${b + 1} repeats the header "${plan.header[a]}" of column ${a + 1} but holds ${JSON.stringify(r.text(b))}, not ${JSON.stringify(r.text(a))}`,
          undefined,
          'echo-mismatch',
        );
      }
    }
  }

  /**
   * A "Total:" row under the table. When the file is one partner's query over all commodities (a
   * DataWeb workbook's parameters say so), it is that partner's all-products total: a row with code
   * TOTAL. Otherwise it sums rows of several years or partners and is passed over (counted, noted).
   */
  private footer(r: FieldReader, plan: FilePlan): void {
    const stats = this.stats as FileStats;
    stats.footerLines.push(r.line);
    const single =
      plan.allCommodities && this.partnerCol < 0 && this.yearCol < 0 && plan.wide.every((w) => w.year > 0);
    if (!single) {
      stats.rows++;
      this.report.rowsRead++;
      this.report.rowsFiltered++;
      return;
    }
    this.report.footerTotals.add(this.name);
    for (const cell of plan.wide) this.observe(r, plan, cell.year, 0, cell.column, 'TOTAL');
  }

  /** One observation (a row, or one year or month cell of a wide row): counted, filtered or handed on. */
  private observe(
    r: FieldReader,
    plan: FilePlan,
    year: number,
    month: number,
    valueCol: number,
    code?: 'TOTAL',
  ): void {
    (this.stats as FileStats).rows++;
    this.report.rowsRead++;
    const row = this.row(r, plan, year, month, valueCol, code);
    if (row) this.onRow(row);
    else this.report.rowsFiltered++;
  }

  finish(): void {
    if (!this.plan) {
      if (this.firstError) throw this.firstError;
      throw new InputError({ file: this.name }, 'empty file: no header and no rows', undefined, 'empty-file');
    }
    if (this.stats?.rows === 0) {
      const line = (this.stats.headerLine ?? 1) + 1;
      throw new InputError(
        { file: this.name, line },
        'no data rows: the file has a header only',
        undefined,
        'no-rows',
      );
    }
    for (const c of this.caches.category.values()) if (c !== undefined) this.report.categoriesSeen.add(c);
  }

  private header(r: FieldReader, meta: { encoding: string }): void {
    const fields = Array.from({ length: r.count }, (_, i) => r.text(i));
    const skip = this.options.skipLines ?? 0;
    if (r.line <= skip) {
      this.early.push({ fields, line: r.line });
      return;
    }
    // R's write.csv of a matrix (jsonlite::fromJSON of an API answer): "", V1, V2, ... then the real header.
    if (!this.rMatrix && this.early.length === 0 && isRMatrixNames(fields)) {
      this.rMatrix = true;
      this.early.push({ fields, line: r.line });
      return;
    }
    // R's row names: a first header cell that is empty (write.csv of a data frame) or a row number.
    const rowNames =
      this.rMatrix ||
      (fields.length > 1 && fields[0]?.trim() === '' && fields.slice(1).every((f) => f.trim() !== ''));
    const named = rowNames ? ['', ...fields.slice(1)] : fields;
    const chosen =
      this.options.layout && this.options.layout !== 'auto' ? profileByName(this.options.layout) : undefined;
    const detected = chosen
      ? { profile: chosen, variant: '' }
      : detectProfile(headerView(rowNames ? named.slice(1) : named));
    const { profile, variant } = detected;
    const preamble = this.early.filter((e) => e.line > skip);
    const facts = mergeFacts(this.sheetFacts, profile.workbook?.facts(preamble.map((e) => e.fields)));
    let plan: FilePlan;
    try {
      plan = planFile(named, {
        file: this.name,
        line: r.line,
        profile,
        variant,
        overrides: this.options.columns ?? {},
        measure: this.options.measure,
        unit: this.options.unit,
        set: this.options.set ?? {},
        flow: this.filter.flow,
        facts,
        preambleText: preamble.map((e) => e.fields.join(' ')).join(' '),
        rowNames,
        checking: this.options.titleLinesOk,
      });
    } catch (err) {
      // Title lines above the header: keep looking a few lines down. A header that is recognisably a
      // source's but lacks a field is that field's problem, not a title's.
      if (!(err instanceof InputError) || err.code !== 'missing-column' || profile !== canonical) throw err;
      this.headerProblem(fields, r.line, err);
      if (this.early.length >= MAX_PREAMBLE) throw this.firstError ?? err;
      this.firstError ??= err;
      this.early.push({ fields, line: r.line });
      return;
    }
    // Lines above the header must be the source's own (a title, "Data Row Count"), or passed over on request.
    const strangers = preamble.filter(
      (e) => !(this.rMatrix && e === this.early[0]) && !profile.preamble?.(e.fields),
    );
    if (strangers.length && !this.options.titleLinesOk) {
      throw new InputError(
        { file: this.name, line: strangers[0]?.line ?? 1 },
        `line ${strangers[0]?.line ?? 1} looks like a title, not the header: ${strangers.length} line${strangers.length === 1 ? '' : 's'} above the header (line ${r.line}) ${strangers.length === 1 ? 'is' : 'are'} not data`,
        `pass over ${strangers.length === 1 ? 'it' : 'them'} with --skip-lines ${r.line - 1}`,
        'title-row',
      );
    }
    this.usePlan(
      plan,
      r.line,
      meta,
      strangers.map((e) => e.line),
    );
  }

  /** A candidate header line that cannot be one, for a reason worth saying at once. */
  private headerProblem(fields: string[], line: number, err: InputError): void {
    const delimiter = this.options.dialect.delimiter;
    if (fields.every((f) => /^[ \t]*$/.test(f))) {
      throw new InputError(
        { file: this.name, line },
        line === 1
          ? 'the first line is blank; expected the header row'
          : `line ${line} is blank; expected the header row`,
        undefined,
        'blank-header',
      );
    }
    const sep = /^sep=(.)$/i.exec((fields[0] ?? '').trim());
    if (fields.length <= 2 && sep) {
      throw new InputError(
        { file: this.name, line },
        `the first line is Excel's "sep=${sep[1]}" line, not the header`,
        `remove that line${sep[1] === delimiter ? '' : ` and pass --delimiter '${sep[1]}'`}`,
        'missing-column',
      );
    }
    if (fields.length === 1 && (fields[0] ?? '').includes(';') && delimiter !== ';') {
      throw new InputError(
        { file: this.name, line },
        'the header is one column holding ";": the file is ;-separated',
        "pass --delimiter ';' (and --decimal , if numbers use a decimal comma)",
        'missing-column',
      );
    }
    // A line of one or two cells (the rest empty) is a title; a wider one that is no header is said as it is.
    const cells = fields.filter((f) => f.trim() !== '').length;
    if (cells > 2 && this.early.length === 0 && !this.rMatrix) throw err;
  }

  private usePlan(plan: FilePlan, line: number, meta: { encoding: string }, titleLines: number[]): void {
    this.plan = plan;
    this.titles = titleLines;
    this.width = plan.header.length;
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
    this.valueCol = plan.valueCol;
    this.partnerCol = at('partner');
    this.partnerCodeCol = at('partner_code');
    this.partnerIsoCol = at('partner_iso');
    this.basisCol = at('basis');
    this.definitionCol = at('definition');
    this.levelCol = at('level');
    this.unitCol = at('unit');
    const profile = plan.profile;
    this.footerTest = profile.footer;
    this.hsLevel = this.options.hsLevel ?? -1;
    this.cumulative = plan.measure?.cumulative === true;
    this.partnerCache = this.caches.partner(profile.codes, profile.names);
    this.nameCache = this.caches.partner('name', profile.names);
    this.reporterCache = this.caches.reporter(profile.codes);
    this.notFlow = new Set((profile.notFlow ?? []).map((s) => s.trim().toLowerCase()));
    for (const d of plan.dimensions) {
      const key = [...d.totals].join('\u0000');
      let cache = this.dimensionCache.get(key);
      if (!cache) {
        const totals = d.totals;
        cache = this.caches.makeCache((t) => totals.has(t.trim().toUpperCase()));
        this.dimensionCache.set(key, cache);
      }
      const stats = this.report.dimensions[d.label] ?? {
        label: `${d.label} (${d.header.trim()})`,
        total: 0,
        detail: 0,
      };
      this.report.dimensions[d.label] = stats;
      this.dims.push({ col: d.column, totals: cache, label: d.label, stats });
    }
    if (plan.directional) {
      const flow = this.filter.flow ?? 'exports';
      const { exporter, importer } = plan.directional;
      const info: FlowInfo = { flow, code: flow, label: flow };
      this.directional =
        flow === 'imports' || flow === 're-imports'
          ? { reporter: importer, partner: exporter, info }
          : { reporter: exporter, partner: importer, info };
    }
    this.setConstants(plan, profile);
    this.codeCache = this.caches.code(this.constant.classification ?? 'HS');
    this.fastLeads =
      this.codeCol >= 0 && this.classCol < 0 && (this.constant.classification ?? 'HS') === 'HS';
    const stats: FileStats = {
      name: this.name,
      rows: 0,
      encoding: meta.encoding,
      layout: profile.name,
      variant: plan.variant,
      sheet: this.sheetName,
      unit: plan.unitFrom,
      measure: plan.measure?.header ?? (plan.valueCol >= 0 ? (plan.header[plan.valueCol] ?? null) : null),
      columns: Object.fromEntries(
        Object.entries(plan.index)
          .filter(([, i]) => (i as number) >= 0)
          .map(([f, i]) => [f, plan.header[i as number] ?? '']),
      ) as FileStats['columns'],
      blankLines: [],
      headerLine: line,
      skippedLines: this.early.map((e) => e.line),
      trailingEmpty: 0,
      footerLines: [],
      constants: Object.fromEntries(
        Object.entries(plan.constants).map(([f, v]) => [
          f,
          { value: v, from: plan.constantsFrom[f as Field] ?? '' },
        ]),
      ),
      impliedWorld: plan.impliedWorld,
      rowNames: plan.rowNames,
    };
    this.stats = stats;
    this.report.files.push(stats);
  }

  private setConstants(plan: FilePlan, profile: SourceProfile): void {
    const c = this.constant;
    for (const [field, value] of Object.entries(plan.constants) as Array<[Field, string]>) {
      if (field === 'flow') {
        const info = flowInfo(value);
        if (!info?.flow)
          throw new UsageError(`--set flow=${value}: not a trade flow (imports, exports, M, X, 1, 2 ...)`);
        c.flow = info;
      } else if (field === 'reporter') c.reporter = this.caches.reporter('any').get(value);
      else if (field === 'category') c.category = this.caches.category.get(value);
      else if (field === 'partner') c.partner = this.caches.partner('any').get(value);
      else if (field === 'source' || field === 'basis' || field === 'definition') c[field] = value.trim();
    }
    if (plan.measure?.flow && !c.flow)
      c.flow = { flow: plan.measure.flow, code: plan.measure.flow, label: plan.measure.flow };
    if (plan.impliedWorld) c.partner = { kind: 'world', code: 'WLD', name: 'World' };
    c.classification = profile.classification ? classificationOf(profile.classification) : undefined;
    const valueHeader = this.valueCol >= 0 ? (plan.header[this.valueCol] ?? '') : '';
    c.basis ??= this.basisCol >= 0 ? undefined : (plan.measure?.basis ?? profile.basis?.(valueHeader));
  }

  private where(field: Field, line: number): Location {
    return { file: this.name, line, column: (this.plan?.index[field] as number) + 1 };
  }

  /** The row, or undefined when the filter leaves it out. Cells are read in order of cheapness. */
  private row(
    r: FieldReader,
    plan: FilePlan,
    wideYear: number,
    wideMonth: number,
    valueCol: number,
    codeOverride?: string,
  ): TradeRow | undefined {
    // The hot path of every read: rare cases are in methods of their own, so this stays small enough for
    // the engine to inline the cell readers into it.
    const { caches, filter, report, constant } = this;
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
    const scale = this.unitCol >= 0 ? this.unitScale(r, plan) : plan.valueScale;
    if (scale < 0) return undefined;

    // The row is wanted: read its value and partner.
    const d = caches.digitMarker ? -1 : r.digits(valueCol);
    const scaled = d * 10 ** scale;
    const fast = d >= 0 && scaled <= Number.MAX_SAFE_INTEGER;
    const value = fast ? scaled : this.valueText(r, valueCol, scale, plan, codeOverride !== undefined);
    const partner = this.partnerOf(r, line);
    const out = this.reuseRows ? this.scratch : ({} as TradeRow);
    out.file = this.name;
    out.line = line;
    out.year = year;
    out.month = month;
    out.cumulative = month > 0 && this.cumulative;
    out.partner = partner;
    out.value = value;
    out.marker = fast || value !== undefined ? undefined : this.marker;
    out.category = category;
    out.code = coded?.code;
    out.match = match;
    out.reporter = reporter;
    out.flow = flow;
    out.source = source;
    out.basis = this.basisCol >= 0 || this.unitCol >= 0 ? this.basisOf(r, plan) : constant.basis;
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
  private unitScale(r: FieldReader, plan: FilePlan): number {
    const u = r.cached(this.unitCol, this.caches.unit);
    if (u === undefined) {
      const text = r.text(this.unitCol).trim();
      this.report.notMoney.set(text, (this.report.notMoney.get(text) ?? 0) + 1);
      return -1;
    }
    return this.options.unit === undefined ? u : plan.valueScale;
  }

  /**
   * A value cell that is not plain digits: a missing or suppressed marker (undefined, with `marker` set), or
   * a number read strictly (a footer's totals, and some sources' values, have thousands separators).
   */
  private valueText(
    r: FieldReader,
    valueCol: number,
    scale: number,
    plan: FilePlan,
    footer: boolean,
  ): number | undefined {
    const valueText = r.text(valueCol);
    const trimmed = trimCell(valueText);
    if (trimmed === '' || this.caches.markers.has(trimmed.toLowerCase())) {
      this.marker = trimmed;
      return undefined;
    }
    const numbers = this.options.numbers;
    const thousands = footer ? ',' : plan.profile.thousands;
    const format =
      thousands && !numbers.thousands && numbers.decimal === '.' ? { ...numbers, thousands } : numbers;
    const value = parseDecimal(valueText, format, scale);
    if (value === undefined) {
      const { detail, hint } = explainBadNumber(valueText, numbers);
      throw new InputError(
        { file: this.name, line: r.line, column: valueCol + 1 },
        detail,
        hint,
        'bad-number',
      );
    }
    return value;
  }

  private yearOf(r: FieldReader, line: number): number {
    const yi = this.yearCol;
    if (yi < 0) {
      // No year column: the period's first four digits (YYYY, YYYYMM, YYYY-MM).
      const text = trimCell(r.text(this.periodCol));
      const m = /^(\d{4})(?:-?\d{2})?$/.exec(text);
      if (!m) {
        throw new InputError(
          this.where('period', line),
          `period ${JSON.stringify(text)} is not YYYY, YYYYMM or YYYY-MM`,
          undefined,
          'bad-year',
        );
      }
      return Number(m[1]);
    }
    const y = r.digits(yi);
    const parsed = y >= 1000 && y <= 9999 ? y : parseYear(r.text(yi));
    if (parsed === undefined) {
      throw new InputError(
        this.where('year', line),
        `year ${JSON.stringify(r.text(yi))} is not a four-digit year`,
        undefined,
        'bad-year',
      );
    }
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
    throw new InputError(
      this.where('flow', line),
      `flow ${JSON.stringify(r.text(this.flowCol))} is not a trade flow${this.flowTextCol >= 0 ? ` (nor is ${JSON.stringify(r.text(this.flowTextCol))})` : ''}`,
      'expected imports/exports, M/X/RM/RX (or FM, DX, MIP, MOP, XIP, XOP) or 1/2/3/4',
      'bad-flow',
    );
  }

  /** The partner: its code in the source's system, else its ISO-like code, else its name; or the file's one. */
  private partnerOf(r: FieldReader, line: number): Partner {
    let partner: Partner | undefined;
    if (this.directional) partner = r.cached(this.directional.partner, this.partnerCache);
    else {
      if (this.partnerCodeCol >= 0) partner = r.cached(this.partnerCodeCol, this.partnerCache);
      if ((!partner || partner.kind === 'unknown') && this.partnerIsoCol >= 0) {
        const iso = r.cached(this.partnerIsoCol, this.partnerCache);
        if (iso && (!partner || iso.kind !== 'unknown')) partner = iso;
      }
      if ((!partner || partner.kind === 'unknown') && this.partnerCol >= 0) {
        const byName = r.cached(this.partnerCol, this.nameCache);
        // A code the catalog does not know keeps the file's own name for it.
        if (byName && (!partner || byName.kind !== 'unknown' || partner.kind === 'unknown')) partner = byName;
      }
    }
    partner ??= this.constant.partner;
    if (!partner) {
      const field: Field =
        this.partnerCol >= 0 ? 'partner' : this.partnerCodeCol >= 0 ? 'partner_code' : 'partner_iso';
      throw new InputError(this.where(field, line), 'partner is empty', undefined, 'empty-partner');
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
  private basisOf(r: FieldReader, plan: FilePlan): string | undefined {
    if (this.basisCol < 0) {
      // A unit cell that names the measure (WITS's "Import (US$ Thousand)") is the basis when nothing else is.
      return this.constant.basis ?? r.cached(this.unitCol, this.caches.text);
    }
    const text = r.cached(this.basisCol, this.caches.text);
    if (text === undefined) return plan.measure?.basis;
    return plan.profile.basis?.(text) ?? text;
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
    throw new InputError(
      { file: this.name, line, column: col + 1 },
      `month ${JSON.stringify(text)} is not 1 to 12 (or 52, Comtrade's code for a whole year)`,
      undefined,
      'bad-month',
    );
  }

  /** The month of a YYYYMM or YYYY-MM period (0 for a YYYY one), checked against the row's year. */
  private periodMonth(r: FieldReader, line: number, year: number): number {
    const text = trimCell(r.text(this.periodCol));
    const m = /^(\d{4})(?:-?(\d{2}))?$/.exec(text);
    const month = m?.[2] === undefined ? 0 : Number(m[2]);
    if (!m || Number(m[1]) !== year || month > 12 || (m[2] !== undefined && month === 0)) {
      throw new InputError(
        { file: this.name, line, column: this.periodCol + 1 },
        `period ${JSON.stringify(text)} is not ${year}, ${year}MM or ${year}-MM`,
        undefined,
        'bad-month',
      );
    }
    return month;
  }
}

/** Whether a first record is R's write.csv of a matrix: an empty cell, then V1, V2, ... Vn. */
function isRMatrixNames(fields: readonly string[]): boolean {
  return fields.length > 2 && fields[0] === '' && fields.slice(1).every((f, i) => f === `V${i + 1}`);
}

/** The first cells of a record, for a footer test. */
function firstCells(r: FieldReader, n: number): string[] {
  return Array.from({ length: Math.min(n, r.count) }, (_, i) => r.text(i));
}

function mergeFacts(a: WorkbookFacts | undefined, b: WorkbookFacts | undefined): WorkbookFacts | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    constants: { ...b.constants, ...a.constants },
    scale: a.scale ?? b.scale,
    allCommodities: a.allCommodities || b.allCommodities,
    said: [...a.said, ...b.said],
  };
}

function raggedRow(file: string, line: number, count: number, width: number): InputError {
  return new InputError(
    { file, line, column: Math.min(count, width) + 1 },
    `row has ${count} field${count === 1 ? '' : 's'}, the header has ${width}`,
    count > width
      ? 'an unquoted comma inside a value (a thousands separator, "Korea, South") splits it in two: quote the value'
      : count === 1
        ? 'a note or footnote line inside or below the table? remove it'
        : undefined,
    'ragged-row',
  );
}
