// What a file's plan makes ready before its rows are read: the values every row gets (constants), the
// readers of its hidden dimensions, and a directional source's reporter and partner columns.
import type { CodeSystemName } from '../catalog/classifications.js';
import { classificationOf } from '../catalog/classifications.js';
import type { Flow } from '../catalog/flows.js';
import { type FlowInfo, flowInfo } from '../catalog/flows.js';
import type { Partner } from '../catalog/partners.js';
import { UsageError } from '../errors.js';
import type { DimensionStats, ReadReport } from '../model/rows.js';
import type { Field } from '../sources/types.js';
import type { FieldCache } from './field-cache.js';
import type { FilePlan } from './plan-types.js';
import type { SharedCaches } from './shared-caches.js';

/** Per-file constants: --set values, the source's own, what title lines and parameters say. */
export interface RowConstants {
  flow?: FlowInfo;
  reporter?: string;
  source?: string;
  basis?: string;
  definition?: string;
  category?: string;
  partner?: Partner;
  classification?: CodeSystemName;
}

/** A hidden dimension's column, the test of its total rows, and its counts. */
export interface DimensionReader {
  col: number;
  totals: FieldCache<boolean>;
  label: string;
  stats: DimensionStats;
}

/** Importer and exporter columns of a directional source (BACI), by the flow asked for. */
export interface Directional {
  reporter: number;
  partner: number;
  info: FlowInfo;
}

/** The values every row of the file gets for the fields it lacks. */
export function rowConstants(plan: FilePlan, caches: SharedCaches): RowConstants {
  const profile = plan.profile;
  const c: RowConstants = {};
  for (const [field, value] of Object.entries(plan.constants) as Array<[Field, string]>) {
    if (field === 'flow') {
      const info = flowInfo(value);
      if (!info?.flow)
        throw new UsageError(`--set flow=${value}: not a trade flow (imports, exports, M, X, 1, 2 ...)`);
      c.flow = info;
    } else if (field === 'reporter') c.reporter = caches.reporter('any').get(value);
    else if (field === 'category') c.category = caches.category.get(value);
    else if (field === 'partner') c.partner = caches.partner('any').get(value);
    else if (field === 'source' || field === 'basis' || field === 'definition') c[field] = value.trim();
  }
  if (plan.measure?.flow && !c.flow)
    c.flow = { flow: plan.measure.flow, code: plan.measure.flow, label: plan.measure.flow };
  if (plan.impliedWorld) c.partner = { kind: 'world', code: 'WLD', name: 'World' };
  c.classification = profile.classification ? classificationOf(profile.classification) : undefined;
  const valueHeader = plan.valueCol >= 0 ? (plan.header[plan.valueCol] ?? '') : '';
  const hasBasis = (plan.index.basis ?? -1) >= 0;
  c.basis ??= hasBasis ? undefined : (plan.measure?.basis ?? profile.basis?.(valueHeader));
  return c;
}

/** The readers of the file's hidden dimensions, each counting into the report's stats for its label. */
export function dimensionReaders(
  plan: FilePlan,
  caches: SharedCaches,
  report: ReadReport,
): DimensionReader[] {
  const byTotals = new Map<string, FieldCache<boolean>>();
  const out: DimensionReader[] = [];
  for (const d of plan.dimensions) {
    const key = [...d.totals].join('\u0000');
    let cache = byTotals.get(key);
    if (!cache) {
      const totals = d.totals;
      cache = caches.makeCache((t) => totals.has(t.trim().toUpperCase()));
      byTotals.set(key, cache);
    }
    const stats = report.dimensions[d.label] ?? {
      label: `${d.label} (${d.header.trim()})`,
      total: 0,
      detail: 0,
    };
    report.dimensions[d.label] = stats;
    out.push({ col: d.column, totals: cache, label: d.label, stats });
  }
  return out;
}

/** A directional source's reporter and partner columns for the flow asked for (exports by default). */
export function directionalOf(plan: FilePlan, asked: Flow | undefined): Directional | undefined {
  if (!plan.directional) return undefined;
  const flow = asked ?? 'exports';
  const { exporter, importer } = plan.directional;
  const info: FlowInfo = { flow, code: flow, label: flow };
  return flow === 'imports' || flow === 're-imports'
    ? { reporter: importer, partner: exporter, info }
    : { reporter: exporter, partner: importer, info };
}
