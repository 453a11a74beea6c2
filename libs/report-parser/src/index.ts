export { type UnreadableCode, UnreadableInputError } from './errors.js';
export { labelKey, normalizeText } from './normalize.js';
export { extract, interpret, type ParseOptions, parseReport } from './parse.js';
export type { SrcCell, SrcDoc, SrcRow } from './source.js';
