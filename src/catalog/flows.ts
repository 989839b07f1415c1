/** The trade flows an analysis can ask for (`--flow`). */
export const FLOWS = ['imports', 'exports', 're-imports', 're-exports'] as const;
export type Flow = (typeof FLOWS)[number];

/** What a flow cell says: one of the four flows, or another flow that is named but never counted as one. */
export interface FlowInfo {
  /** The flow it counts as; undefined for the special flows (Comtrade FM, DX, XOP, ...). */
  flow: Flow | undefined;
  /** The source's own code, as written ("M", "FM", "1"). */
  code: string;
  /** The flow's name for people ("Foreign import"). */
  label: string;
}

/**
 * UN Comtrade Plus flow codes (the v1 API's reference list, tradeRegimes: M, X, RM, RX and six special
 * flows). Only M, X, RM and RX are the flows an analysis adds: Foreign import and Domestic export overlap
 * Import and Export, and the processing flows are parts of them.
 */
const COMTRADE_FLOWS: ReadonlyArray<[string, Flow | undefined, string]> = [
  ['M', 'imports', 'Import'],
  ['X', 'exports', 'Export'],
  ['RM', 're-imports', 'Re-import'],
  ['RX', 're-exports', 'Re-export'],
  ['FM', undefined, 'Foreign import'],
  ['DX', undefined, 'Domestic export'],
  ['MIP', undefined, 'Import of goods for inward processing'],
  ['MOP', undefined, 'Import of goods after outward processing'],
  ['XIP', undefined, 'Export of goods after inward processing'],
  ['XOP', undefined, 'Export of goods for outward processing'],
];

/** Flow words in the sources' spellings (legacy Comtrade 1-4, names, US agencies' flow names). */
const FLOW_WORDS: ReadonlyArray<[string, Flow]> = [
  ['1', 'imports'],
  ['2', 'exports'],
  ['3', 're-exports'],
  ['4', 're-imports'],
  ['import', 'imports'],
  ['imports', 'imports'],
  ['general imports', 'imports'],
  ['imports for consumption', 'imports'],
  ['export', 'exports'],
  ['exports', 'exports'],
  ['domestic exports', 'exports'],
  ['total exports', 'exports'],
  ['re-export', 're-exports'],
  ['re-exports', 're-exports'],
  ['re-import', 're-imports'],
  ['re-imports', 're-imports'],
  // Korean-language exports (K-stat, KITA): 수입 import, 수출 export.
  ['수입', 'imports'],
  ['수출', 'exports'],
];

const BY_TEXT = new Map<string, FlowInfo>();
for (const [code, flow, label] of COMTRADE_FLOWS) {
  BY_TEXT.set(code.toLowerCase(), { flow, code, label });
  BY_TEXT.set(label.toLowerCase(), { flow, code, label });
}
for (const [word, flow] of FLOW_WORDS) {
  if (!BY_TEXT.has(word)) BY_TEXT.set(word, { flow, code: word, label: word });
}

/** What a flow cell names, or undefined when it names no flow known here. */
export function flowInfo(text: string): FlowInfo | undefined {
  const t = text.trim();
  const found = BY_TEXT.get(t.toLowerCase());
  return found && { ...found, code: t };
}

/** The flow a cell names, when it is one of the four an analysis adds. */
export function parseFlow(text: string): Flow | undefined {
  return flowInfo(text)?.flow;
}
