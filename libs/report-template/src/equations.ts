/**
 * The arithmetic of the template's tables, once. The validator checks a report with these, and the
 * parser's glued-digit solver prunes and chooses splits with the same equations.
 */
import type { RuleId } from './rules.js';
import { APPLICANT_KEYS, APPLICATION_ROWS, type ApplicantKey, type ApplicationRowKey, REVIEW_KEYS, type ReviewKey } from './template.js';

/** Within one row: the part columns add up to the total column. */
export interface RowSum<C extends string> {
  rule: RuleId;
  parts: readonly C[];
  total: C;
}

/** 总计等于各申请人列之和: table 三, every row. */
export const APPLICANT_ROW_TOTAL: RowSum<ApplicantKey> = {
  rule: 'applications.rowTotal',
  parts: APPLICANT_KEYS.filter((k) => k !== 'total'),
  total: 'total',
};

/** 总计等于维持、纠正、其他、尚未审结之和: table 四, every group. */
export const REVIEW_GROUP_TOTAL: RowSum<ReviewKey> = {
  rule: 'reviews.groupTotal',
  parts: REVIEW_KEYS.filter((k) => k !== 'total'),
  total: 'total',
};

/** 第一项加第二项之和，等于第三项加第四项之和: table 三, every column. */
export const APPLICATIONS_BALANCE: { rule: RuleId; left: readonly ApplicationRowKey[]; right: readonly ApplicationRowKey[] } = {
  rule: 'applications.balance',
  left: ['newReceived', 'carriedOver'],
  right: ['processedTotal', 'carriedForward'],
};

const OUTCOMES_WITH_PARTS = outcomes(true);
const OUTCOMES_SINGLE = outcomes(false);
function outcomes(otherHandlingParts: boolean): readonly ApplicationRowKey[] {
  return APPLICATION_ROWS.filter((r) =>
    r.role === 'outcomeTotal' ? !otherHandlingParts : r.role === 'outcome' && (otherHandlingParts || !r.key.startsWith('otherHandling.')),
  ).map((r) => r.key);
}

/** （七）总计等于各办理结果之和: table 三, every column. */
export const APPLICATIONS_OUTCOME_SUM = {
  rule: 'applications.outcomeSum' as RuleId,
  total: 'processedTotal' as ApplicationRowKey,
  /** The outcome rows: （六）其他处理 is printed either as three sub-rows or as one row, never both. */
  parts: (otherHandlingParts: boolean): readonly ApplicationRowKey[] => (otherHandlingParts ? OUTCOMES_WITH_PARTS : OUTCOMES_SINGLE),
};

/**
 * A row's slots as the solver sees them, `[6]` for table 三: the number of parts before each
 * total, when the columns print the parts first and the total right after them.
 */
export function slotGroups<C extends string>(columns: readonly C[], sum: RowSum<C>): number[] {
  const expected = [...sum.parts, sum.total];
  if (columns.length !== expected.length || columns.some((c, i) => c !== expected[i]))
    throw new Error(`${sum.rule}: columns are not printed as parts then total`);
  return [sum.parts.length];
}
