export { validateReport, type ValidateOptions, type UnitKind, unitKindFromName } from './validate.js';
export { textFigures, type TextFigures } from './text-figures.js';
