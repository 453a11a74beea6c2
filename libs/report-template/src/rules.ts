import type { Severity } from './report.js';

export interface RuleDef {
  id: string;
  severity: Severity;
  /** What the rule checks, in the template's words. */
  zh: string;
  en: string;
  /** Compares a report with the same body's report of the previous year. */
  crossYear?: boolean;
  /**
   * The parser could not read the cells this finding names, and left them blank: their blank says
   * nothing about the report (it is not a blank the report printed).
   */
  refuses?: boolean;
}

/** The rule registry of report-data.md plus the parser's own findings. Ids are stable. */
export const RULES = {
  'applications.balance': {
    id: 'applications.balance',
    severity: 'error',
    zh: '第一项加第二项之和等于第三项加第四项之和',
    en: 'new + carried over = handled + carried forward, per column',
  },
  'applications.rowTotal': { id: 'applications.rowTotal', severity: 'error', zh: '总计等于各申请人列之和', en: 'row total = sum of the applicant columns' },
  'applications.outcomeSum': {
    id: 'applications.outcomeSum',
    severity: 'error',
    zh: '（七）总计等于各办理结果之和',
    en: 'handled total = sum of the outcome rows, per column',
  },
  'reviews.groupTotal': {
    id: 'reviews.groupTotal',
    severity: 'error',
    zh: '总计等于维持、纠正、其他、尚未审结之和',
    en: 'group total = upheld + corrected + other + pending',
  },
  'values.nonNegativeInteger': {
    id: 'values.nonNegativeInteger',
    severity: 'error',
    zh: '件数为非负整数，收费金额为非负数',
    en: 'counts are whole numbers ≥ 0; fees are ≥ 0',
  },
  'carryOver.matchesPreviousYear': {
    id: 'carryOver.matchesPreviousYear',
    severity: 'warning',
    zh: '上年结转等于上一年度结转下年度继续办理',
    en: "carried over = last year's carried forward",
    crossYear: true,
  },
  'normativeDocuments.stockFlow': {
    id: 'normativeDocuments.stockFlow',
    severity: 'warning',
    zh: '现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止',
    en: 'in force = last year in force + issued − repealed',
    crossYear: true,
  },
  'text.matchesTables': { id: 'text.matchesTables', severity: 'warning', zh: '正文所述数字与表格一致', en: 'numbers stated in the text match the tables' },
  'unitType.plausible': {
    id: 'unitType.plausible',
    severity: 'warning',
    zh: '乡镇、街道无权制定规章',
    en: 'townships and street offices cannot issue regulations',
  },
  'organ.unnamed': {
    id: 'organ.unnamed',
    severity: 'warning',
    zh: '标题中未写明报告机关，无法核对报告属于所选单位',
    en: 'the title names no reporting body, so it cannot be checked against the unit',
  },
  'blank-as-zero': { id: 'blank-as-zero', severity: 'info', zh: '空白单元格按 0 计算', en: 'blank cells counted as 0 in sums' },
  'parse.ambiguous': {
    id: 'parse.ambiguous',
    severity: 'error',
    zh: '数字粘连，无法唯一拆分',
    en: 'glued digits with more than one valid split',
    refuses: true,
  },
  'parse.sectionMissing': { id: 'parse.sectionMissing', severity: 'warning', zh: '缺少章节', en: 'a section of the template is missing' },
  'parse.noTables': { id: 'parse.noTables', severity: 'error', zh: '未找到统计表格', en: 'no statistical tables found' },
  'parse.unknownRow': { id: 'parse.unknownRow', severity: 'warning', zh: '无法识别的表格行', en: 'a table row that matches no template row' },
  'parse.rowMissing': { id: 'parse.rowMissing', severity: 'warning', zh: '表格缺少模板中的行', en: 'a template row was not found', refuses: true },
  'parse.unreadableCell': {
    id: 'parse.unreadableCell',
    severity: 'error',
    zh: '单元格内容不是数字',
    en: 'a cell that should hold a number does not',
    refuses: true,
  },
  'parse.tableOrderLost': {
    id: 'parse.tableOrderLost',
    severity: 'error',
    zh: '文本未保留表格的行和列（PDF 文字按阅读顺序导出，或 PDF 转成 Word 后的一个个文本框），表格数字无法定位',
    en: "the text keeps no table rows or columns (a PDF's text in reading order, or a PDF turned into Word text boxes): the tables' numbers cannot be placed",
    refuses: true,
  },
  'parse.textGarbled': {
    id: 'parse.textGarbled',
    severity: 'error',
    zh: '文件的文字有一部分被映射成别的字符（字体编码有误），表格数字不可信',
    en: "part of the file's text is mapped to the wrong characters (a broken font encoding): the tables' numbers cannot be trusted",
    refuses: true,
  },
  'parse.ocrText': {
    id: 'parse.ocrText',
    severity: 'error',
    zh: 'PDF 的文字是扫描件经 OCR 识别得到的，表格数字可能识别错误，未采用',
    en: "the PDF's text was made by OCR from a scan: its table numbers may be misread and are not used",
    refuses: true,
  },
  'parse.cellCount': {
    id: 'parse.cellCount',
    severity: 'error',
    zh: '行内数字个数与模板列数不符',
    en: 'a row has more or fewer numbers than the template has columns',
    refuses: true,
  },
  'parse.annotation': { id: 'parse.annotation', severity: 'info', zh: '单元格内含注释，已取其数字', en: 'a note inside a cell was set aside' },
  'parse.unitConverted': { id: 'parse.unitConverted', severity: 'info', zh: '单元格内单位已换算', en: 'a unit inside a cell was converted' },
  'parse.realigned': {
    id: 'parse.realigned',
    severity: 'warning',
    zh: '表格行错位，已按行序和勾稽关系重新对齐',
    en: 'a row of numbers had lost its label and was placed by row order and the arithmetic',
  },
  'parse.labelVariant': { id: 'parse.labelVariant', severity: 'info', zh: '行标签与模板文字不同', en: 'a row label differs from the template wording' },
  'parse.versionUnclear': { id: 'parse.versionUnclear', severity: 'warning', zh: '无法判断模板版本', en: 'the template version could not be told' },
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;

export function severityOf(rule: RuleId): Severity {
  return RULES[rule].severity;
}

/** Rules that compare a report with the previous year's: re-run when a neighbouring year changes. */
export const CROSS_YEAR_RULES: ReadonlySet<string> = new Set(
  Object.values(RULES as Record<string, RuleDef>)
    .filter((r) => r.crossYear)
    .map((r) => r.id),
);

/** The parser's findings that leave the cells they name unread (blank because unread, not printed blank). */
export const REFUSING_RULES: ReadonlySet<string> = new Set(
  Object.values(RULES as Record<string, RuleDef>)
    .filter((r) => r.refuses)
    .map((r) => r.id),
);
