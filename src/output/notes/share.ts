import { yearList } from '../../core/share/index.js';
import type { RowRepeat, ShareFacts } from '../../model/facts/share.js';
import type { Usd } from '../../model/usd.js';
import { counted, millionsUsd } from '../format.js';
import { spanText } from '../periods.js';
import type { Words } from './words.js';

const usd = (v: Usd): string => `US$${millionsUsd(v)}m`;
const s = (n: number): string => (n === 1 ? '' : 's');
const repeats = (examples: RowRepeat[], rows: number): string =>
  `${examples.map((e) => `${e.file}:${e.line} repeats ${e.firstFile}:${e.firstLine}`).join('; ')}${rows > examples.length ? '; ...' : ''}`;

/** The words of each share note, made from its facts. */
export const SHARE_WORDS: Words<ShareFacts> = {
  'default-year': (f) =>
    `no --year given: using ${f.year}, the latest year with ${f.category} data (years: ${yearList(f.years)})`,
  period: (f) =>
    f.span.kind === 'year'
      ? `${f.span.year}: the figures are for ${spanText(f.span)}`
      : `the figures are for ${spanText(f.span)}${f.comparedWith ? `, compared with ${spanText(f.comparedWith)}` : ''}`,
  'no-comparable-period': (f) =>
    `${f.previous.year} has figures for ${spanText(f.previous)}, not ${spanText(f.span)}: no changes are shown`,
  'monthly-rows-unused': (f) =>
    `${f.year}: ${f.rows} monthly row${s(f.rows)} left out; the annual rows are used (months and years are never added together)`,
  'partners-exceed-total': (f) =>
    `the listed partners add up to ${usd(f.listedUsd)}, more than the reported total ${usd(f.totalUsd)} (by ${usd(f.excessUsd)}${f.withinRounding ? ', within the rounding of the table' : ''}): no "not itemized" row; the shares add up to more than 100%`,
  'partner-stand-in': (f) =>
    f.asked
      ? `${f.asked.name} (${f.asked.code}) has no row of its own in the data: its trade is reported under "${f.dataName}", shown for it (UN Comtrade lists no ${f.asked.name}; data users read its "Other Asia, nes" area, 490, as ${f.asked.name}, which Comtrade's own reference list does not state)`
      : `"${f.dataName}" is UN Comtrade's area 490, under which partners report their trade with ${f.standsFor === 'TW' ? 'Taiwan' : f.standsFor} (as data users read it; Comtrade's reference list does not say so): --partner ${f.standsFor} finds it`,
  'duplicate-rows': (f) =>
    `${counted(f.rows, 'row')} repeat${f.rows === 1 ? 's' : ''} an earlier row exactly (year, partner, code and value): counted as given, as SQL's SUM() does (${repeats(f.examples, f.rows)}); --dedupe counts each once`,
  'duplicate-rows-deduped': (f) =>
    `${f.rows} exact repeat${s(f.rows)} of an earlier row counted once (--dedupe): ${repeats(f.examples, f.rows)}`,
  'repeated-keys': (f) =>
    `${counted(f.rows, 'row')} repeat${f.rows === 1 ? 's' : ''} a year, partner and code with another value: added, as figures split by a column not read (first: ${f.first.file}:${f.first.line} (first at line ${f.first.firstLine}))`,
  'no-flow-column': (f) => `${f.file} has no flow column: its rows were taken as ${f.flow}`,
  'no-partner-detail': (f) =>
    `the data has only aggregate rows for ${f.category} ${f.year}: a total, no partner detail`,
  'missing-values': (f) =>
    `${f.year}: ${counted(f.rows, 'row')} without a value left out (${f.markers.map(({ marker, rows }) => `${marker === '' ? 'empty' : JSON.stringify(marker)} ${rows}`).join(', ')})`,
  'unknown-partner': (f) =>
    `${f.year}: ${f.partners} partner name${s(f.partners)} not in the catalog, kept under their own names (${f.names.map((n) => JSON.stringify(n)).join(', ')}${f.partners > 5 ? ', ...' : ''})`,
  'negative-value': (f) =>
    `${f.year}: ${f.rows} negative value${s(f.rows)} included (first at ${f.first.file}:${f.first.line})`,
  'group-rows': (f) =>
    `${f.year}: ${f.rows} country-group row${s(f.rows)} (EU, ASEAN, ...) left out of the partner sums`,
  'by-reporter': (f) =>
    `the data holds ${f.reporters} reporters' trade with ${f.partner} only: the shares are of each reporter's ${f.flow} to ${f.partner} in their sum (as --by reporter)`,
};
