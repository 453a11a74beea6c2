export { type TextFigures, textFigures } from './text-figures.js';
export {
  carryOverBreak,
  carryOverCells,
  crossYearFindings,
  type UnitKind,
  unitKindFromName,
  unreadCells,
  type ValidateOptions,
  validateReport,
} from './validate.js';
