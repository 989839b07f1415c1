import { categoryKey } from '../catalog/categories.js';
import {
  type CodeInfo,
  type CodeSystemName,
  classificationOf,
  codeInfo,
} from '../catalog/classifications.js';
import { type FlowInfo, flowInfo } from '../catalog/flows.js';
import { type CodeSystem, lookupPartner, type Partner, partnerInSystem } from '../catalog/partners.js';
import type { RowFilter } from '../model/rows.js';
import { FieldCache } from './field-cache.js';
import { trimCell } from './numbers.js';
import type { ReadOptions } from './read-options.js';
import { unitOfCell } from './units.js';

/** Caches that hold across files: partner and reporter lookups, the category test of a code. */
export class SharedCaches {
  readonly flow = new FieldCache<FlowInfo | undefined>(flowInfo);
  readonly category = new FieldCache<string | undefined>((t) => {
    const text = t.trim();
    return text ? categoryKey(text) : undefined;
  });
  /** The filter category's name and its aliases: the labels a category column may use for it. */
  readonly categoryNames: ReadonlySet<string>;
  readonly text = new FieldCache<string | undefined>((t) => t.trim() || undefined);
  /** A unit cell's power of ten; undefined for a unit that is not money. */
  readonly unit = new FieldCache<number | undefined>(unitOfCell);
  readonly markers: Set<string>;
  /** Whether some missing marker is all digits (then digit cells must be checked against the markers). */
  readonly digitMarker: boolean;
  /** 1 for each two-digit start (00-99) that one of the filter category's HS prefixes has. */
  readonly hsLeads = new Uint8Array(100);
  /** A footer's all-commodities code. */
  readonly totalCode: CodeInfo;
  /** A classification cell's code cache (H5 -> the HS codes', S3 -> the SITC codes'). */
  readonly classification: FieldCache<FieldCache<CodeInfo>>;
  private readonly partners = new Map<string, FieldCache<Partner | undefined>>();
  private readonly reporters = new Map<CodeSystem, FieldCache<string>>();
  private readonly codes = new Map<CodeSystemName, FieldCache<CodeInfo>>();

  private readonly codeTable: Map<string, Partner> | undefined;

  constructor(
    options: ReadOptions,
    private readonly filter: RowFilter,
  ) {
    this.codeTable = options.codeTable;
    this.markers = new Set(options.missing.map((m) => trimCell(m).toLowerCase()));
    this.digitMarker = [...this.markers].some((m) => /^\d+$/.test(m));
    const def = filter.category;
    for (const prefix of def?.hs ?? []) this.hsLeads[Number(prefix.slice(0, 2))] = 1;
    this.categoryNames = new Set(def ? [def.name, ...(def.aliases ?? [])] : []);
    this.totalCode = codeInfo('TOTAL', 'HS', def);
    this.classification = new FieldCache((t) => this.code(classificationOf(t)));
  }

  /** Partner cells in a code system. */
  partner(system: CodeSystem, names?: Readonly<Record<string, string>>): FieldCache<Partner | undefined> {
    const key = names ? `${system}\u0000${Object.keys(names).join('\u0000')}` : system;
    let c = this.partners.get(key);
    if (!c) {
      const table = this.codeTable;
      const own =
        names && new Map(Object.entries(names).map(([n, a2]) => [n.trim().toLowerCase(), lookupPartner(a2)]));
      c = new FieldCache((t) => {
        const mine = own?.get(t.trim().toLowerCase());
        if (mine) return mine;
        const p = partnerInSystem(system, t);
        return p?.kind === 'unknown' && table ? (table.get(String(Number(t.trim()))) ?? p) : p;
      });
      this.partners.set(key, c);
    }
    return c;
  }

  /** Reporter cells in a code system: ISO alpha-2 for a known country, else the text ("" when empty). */
  reporter(system: CodeSystem): FieldCache<string> {
    let c = this.reporters.get(system);
    if (!c) {
      c = new FieldCache((t) => {
        const text = t.trim();
        if (!text) return '';
        const p = partnerInSystem(system, text) ?? lookupPartner(text);
        return p.kind === 'country' ? p.code : text;
      });
      this.reporters.set(system, c);
    }
    return c;
  }

  /** Code cells of a classification, matched against the filter's category. */
  code(system: CodeSystemName): FieldCache<CodeInfo> {
    let c = this.codes.get(system);
    if (!c) {
      const def = this.filter.category;
      c = new FieldCache((t) => codeInfo(t, system, def));
      this.codes.set(system, c);
    }
    return c;
  }

  /** A cache of any per-cell test. */
  makeCache<T>(make: (text: string) => T): FieldCache<T> {
    return new FieldCache(make);
  }
}
