export { parseReport, extract, interpret, type ParseOptions } from './parse.js';
export { UnreadableInputError, type UnreadableCode } from './errors.js';
export { normalizeText, labelKey } from './normalize.js';
export type { SrcDoc, SrcRow, SrcCell } from './source.js';
