import { KorusError } from '../errors.js';
import type { ReadReport } from '../model/rows.js';

/**
 * Refuses a file that breaks partners down by a hidden dimension (mode of transport, customs procedure,
 * second partner, port) without the total rows: adding the parts is not what the source publishes as the
 * total. (A total missing for some keys only is found by the accumulator, key by key.)
 */
export function checkDimensions(report: ReadReport): void {
  for (const d of Object.values(report.dimensions)) {
    if (d.detail > 0 && d.total === 0) {
      throw new KorusError(
        `the data breaks partners down by ${d.label} and has no total rows for it (${d.detail} rows): adding them up could count figures twice or miss some`,
        2,
        'download the data with the totals included (e.g. Comtrade motCode 0, customsCode C00, partner2Code 0; Census PORT "-")',
      );
    }
  }
}
