/**
 * The national annual-report template as data. Every other part of Gongkai (parser, validator,
 * database, GraphQL, CSV, UI) reads labels and keys from here; nothing re-types them.
 * Keys follow docs/report-data.md.
 */

export type TemplateVersion = '2021' | '2019';
export const TEMPLATE_VERSIONS: readonly TemplateVersion[] = ['2021', '2019'];

export interface ColumnDef<K extends string = string> {
  key: K;
  label: string;
  /** Short label for messages and narrow UIs. */
  short: string;
  en: string;
}

/** Table 三's header words above the applicant columns (merged cells). */
export const APPLICANTS_HEADING = '申请人情况';
export const ORGANISATIONS_HEADING = '法人或其他组织';
const ORG = (short: string) => `${ORGANISATIONS_HEADING}—${short}`;

const APPLICANT_TABLE = [
  { key: 'naturalPerson', label: '自然人', short: '自然人', en: 'Natural persons' },
  { key: 'commercial', label: ORG('商业企业'), short: '商业企业', en: 'Commercial enterprises' },
  { key: 'research', label: ORG('科研机构'), short: '科研机构', en: 'Research institutions' },
  { key: 'publicInterest', label: ORG('社会公益组织'), short: '社会公益组织', en: 'Public-interest organisations' },
  { key: 'legalService', label: ORG('法律服务机构'), short: '法律服务机构', en: 'Legal service providers' },
  { key: 'otherOrg', label: ORG('其他'), short: '其他', en: 'Other organisations' },
  { key: 'total', label: '总计', short: '总计', en: 'Total' },
] as const satisfies readonly ColumnDef[];
export type ApplicantKey = (typeof APPLICANT_TABLE)[number]['key'];
/** 申请人情况: the seven applicant columns of table 三. */
export const APPLICANT_COLUMNS: readonly ColumnDef<ApplicantKey>[] = APPLICANT_TABLE;
export const APPLICANT_KEYS: readonly ApplicantKey[] = APPLICANT_COLUMNS.map((c) => c.key);
export const APPLICANT_PART_KEYS: readonly Exclude<ApplicantKey, 'total'>[] = APPLICANT_KEYS.filter((k) => k !== 'total');

export type RowRole = 'intake' | 'outcome' | 'outcomeTotal' | 'processedTotal' | 'carriedForward';

export interface ApplicationRowDef<K extends string = string> {
  /** Dotted canonical key, e.g. `denied.stateSecret`. */
  key: K;
  /** The template's own printed label (leaf part). */
  label: string;
  /** Full label for messages, with the group prefix: 三（三）1.属于国家秘密. */
  full: string;
  en: string;
  /** Group heading printed in a merged cell, when the row belongs to one. */
  group?: string;
  /** Label variants seen in real reports (typos included). Matched after normalisation. */
  aliases: readonly string[];
  versions: readonly TemplateVersion[];
  role: RowRole;
  /** Rows whose label alone is too generic to match without the list number. */
  needsListNo?: boolean;
}

const both: readonly TemplateVersion[] = ['2021', '2019'];

const G_DENIED = '（三）不予公开';
const G_UNAVAILABLE = '（四）无法提供';
const G_NOT_PROCESSED = '（五）不予处理';
const G_OTHER = '（六）其他处理';

const APPLICATION_TABLE = [
  {
    key: 'newReceived',
    label: '一、本年新收政府信息公开申请数量',
    full: '一、本年新收政府信息公开申请数量',
    en: 'New applications received this year',
    aliases: ['本年新收政府信息公开申请数量', '本年新收政府信息公开申请', '本年新收'],
    versions: both,
    role: 'intake',
  },
  {
    key: 'carriedOver',
    label: '二、上年结转政府信息公开申请数量',
    full: '二、上年结转政府信息公开申请数量',
    en: 'Carried over from last year',
    aliases: ['上年结转政府信息公开申请数量', '上年结转政府信息公开申请', '上年结转'],
    versions: both,
    role: 'intake',
  },
  { key: 'granted', label: '（一）予以公开', full: '三（一）予以公开', en: 'Granted', aliases: ['予以公开'], versions: both, role: 'outcome' },
  {
    key: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    full: '三（二）部分公开',
    en: 'Partially granted',
    aliases: ['部分公开'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.stateSecret',
    label: '1.属于国家秘密',
    full: '三（三）1.属于国家秘密',
    en: 'Denied: state secret',
    group: G_DENIED,
    aliases: ['属于国家秘密', '国家秘密'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.prohibitedByLaw',
    label: '2.其他法律行政法规禁止公开',
    full: '三（三）2.其他法律行政法规禁止公开',
    en: 'Denied: prohibited by other laws',
    group: G_DENIED,
    aliases: ['其他法律行政法规禁止公开', '其他法律行政止公开', '其他法律法规禁止公开', '法律行政法规禁止公开'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.threeSecuritiesOneStability',
    label: '3.危及“三安全一稳定”',
    full: '三（三）3.危及“三安全一稳定”',
    en: 'Denied: endangers the "three securities and one stability"',
    group: G_DENIED,
    aliases: ['危及三安全一稳定', '三安全一稳定'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.thirdPartyRights',
    label: '4.保护第三方合法权益',
    full: '三（三）4.保护第三方合法权益',
    en: "Denied: third parties' lawful rights",
    group: G_DENIED,
    aliases: ['保护第三方合法权益', '第三方合法权益'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.internalAffairs',
    label: '5.属于三类内部事务信息',
    full: '三（三）5.属于三类内部事务信息',
    en: 'Denied: internal affairs',
    group: G_DENIED,
    aliases: ['属于三类内部事务信息', '三类内部事务信息', '内部事务信息'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.processInformation',
    label: '6.属于四类过程性信息',
    full: '三（三）6.属于四类过程性信息',
    en: 'Denied: process information',
    group: G_DENIED,
    aliases: ['属于四类过程性信息', '四类过程性信息', '过程性信息'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.enforcementFiles',
    label: '7.属于行政执法案卷',
    full: '三（三）7.属于行政执法案卷',
    en: 'Denied: enforcement case files',
    group: G_DENIED,
    aliases: ['属于行政执法案卷', '行政执法案卷'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'denied.queryMatters',
    label: '8.属于行政查询事项',
    full: '三（三）8.属于行政查询事项',
    en: 'Denied: administrative query matters',
    group: G_DENIED,
    aliases: ['属于行政查询事项', '行政查询事项'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'unavailable.notHeld',
    label: '1.本机关不掌握相关政府信息',
    full: '三（四）1.本机关不掌握相关政府信息',
    en: 'Unavailable: not held',
    group: G_UNAVAILABLE,
    aliases: ['本机关不掌握相关政府信息', '不掌握相关政府信息'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'unavailable.needsCreation',
    label: '2.没有现成信息需要另行制作',
    full: '三（四）2.没有现成信息需要另行制作',
    en: 'Unavailable: would need creating',
    group: G_UNAVAILABLE,
    aliases: ['没有现成信息需要另行制作', '没有现成信息'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'unavailable.unclearAfterCorrection',
    label: '3.补正后申请内容仍不明确',
    full: '三（四）3.补正后申请内容仍不明确',
    en: 'Unavailable: unclear after correction',
    group: G_UNAVAILABLE,
    aliases: ['补正后申请内容仍不明确', '申请内容仍不明确'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'notProcessed.complaintPetition',
    label: '1.信访举报投诉类申请',
    full: '三（五）1.信访举报投诉类申请',
    en: 'Not processed: petitions and complaints',
    group: G_NOT_PROCESSED,
    aliases: ['信访举报投诉类申请', '信访举报投诉'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'notProcessed.duplicate',
    label: '2.重复申请',
    full: '三（五）2.重复申请',
    en: 'Not processed: duplicate',
    group: G_NOT_PROCESSED,
    aliases: ['重复申请'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'notProcessed.publication',
    label: '3.要求提供公开出版物',
    full: '三（五）3.要求提供公开出版物',
    en: 'Not processed: published material',
    group: G_NOT_PROCESSED,
    aliases: ['要求提供公开出版物', '公开出版物'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'notProcessed.massRepeated',
    label: '4.无正当理由大量反复申请',
    full: '三（五）4.无正当理由大量反复申请',
    en: 'Not processed: mass repeated requests',
    group: G_NOT_PROCESSED,
    aliases: ['无正当理由大量反复申请', '大量反复申请'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'notProcessed.confirmation',
    label: '5.要求行政机关确认或重新出具已获取信息',
    full: '三（五）5.要求行政机关确认或重新出具已获取信息',
    en: 'Not processed: confirmation of information held',
    group: G_NOT_PROCESSED,
    aliases: ['要求行政机关确认或重新出具已获取信息', '确认或重新出具已获取信息'],
    versions: both,
    role: 'outcome',
  },
  {
    key: 'otherHandling.overdueCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    full: '三（六）1.申请人无正当理由逾期不补正',
    en: 'Other: applicant did not correct in time',
    group: G_OTHER,
    aliases: ['申请人无正当理由逾期不补正', '逾期不补正'],
    versions: ['2021'],
    role: 'outcome',
  },
  {
    key: 'otherHandling.overdueFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    full: '三（六）2.申请人逾期未按收费通知要求缴纳费用',
    en: 'Other: fee not paid in time',
    group: G_OTHER,
    aliases: ['申请人逾期未按收费通知要求缴纳费用', '逾期未按收费通知要求缴纳费用', '未按收费通知要求缴纳费用'],
    versions: ['2021'],
    role: 'outcome',
  },
  {
    key: 'otherHandling.other',
    label: '3.其他',
    full: '三（六）3.其他',
    en: 'Other: other',
    group: G_OTHER,
    aliases: ['3.其他'],
    versions: ['2021'],
    role: 'outcome',
    needsListNo: true,
  },
  {
    key: 'otherHandling.total',
    label: '（六）其他处理',
    full: '三（六）其他处理',
    en: 'Other handling (single row)',
    aliases: ['其他处理', '(六)其他'],
    versions: both,
    role: 'outcomeTotal',
  },
  {
    key: 'processedTotal',
    label: '（七）总计',
    full: '三（七）总计',
    en: 'Total handled',
    aliases: ['(七)总计', '(七)合计'],
    versions: both,
    role: 'processedTotal',
    needsListNo: true,
  },
  {
    key: 'carriedForward',
    label: '四、结转下年度继续办理',
    full: '四、结转下年度继续办理',
    en: 'Carried forward to next year',
    aliases: ['结转下年度继续办理', '结转下年度'],
    versions: both,
    role: 'carriedForward',
  },
] as const satisfies readonly ApplicationRowDef[];

/** Dotted key of a row of table 三, e.g. `denied.stateSecret`. */
export type ApplicationRowKey = (typeof APPLICATION_TABLE)[number]['key'];
/** Table 三 rows, in printed order. */
export const APPLICATION_ROWS: readonly ApplicationRowDef<ApplicationRowKey>[] = APPLICATION_TABLE;

/** The sub-rows of a group heading (`denied` → the eight refusal rows), in printed order. */
export function groupRows<G extends string>(group: G): Extract<ApplicationRowKey, `${G}.${string}`>[] {
  return APPLICATION_ROWS.filter((r) => r.key.startsWith(`${group}.`) && r.role === 'outcome').map(
    (r) => r.key as Extract<ApplicationRowKey, `${G}.${string}`>,
  );
}

export const OTHER_HANDLING_PARTS = [
  'otherHandling.overdueCorrection',
  'otherHandling.overdueFee',
  'otherHandling.other',
] as const satisfies readonly ApplicationRowKey[];

/** Group headings of table 三 (merged cells), used to recognise and to render. */
export const APPLICATION_GROUPS = [
  { key: 'outcomes', label: '三、本年度办理结果', en: 'Outcomes this year', aliases: ['本年度办理结果'] },
  { key: 'denied', label: G_DENIED, en: 'refused', aliases: ['不予公开'] },
  { key: 'unavailable', label: G_UNAVAILABLE, en: 'unavailable', aliases: ['无法提供'] },
  { key: 'notProcessed', label: G_NOT_PROCESSED, en: 'not processed', aliases: ['不予处理'] },
  { key: 'otherHandling', label: G_OTHER, en: 'other handling', aliases: ['其他处理'] },
] as const;
export type ApplicationGroupKey = (typeof APPLICATION_GROUPS)[number]['key'];

/** The rule text printed in table 三's top-left header cell. */
export const APPLICATIONS_HEADER_RULE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Table 二's header over the item labels. */
export const PROACTIVE_ITEM_HEADING = '信息内容';

/**
 * Header words of tables 二 and 三 besides the row labels: where the template's text stands in a
 * page whose lines and cells were glued together (the parser cuts there).
 */
export const TABLE_HEADER_WORDS: readonly string[] = [
  APPLICANTS_HEADING,
  ORGANISATIONS_HEADING,
  PROACTIVE_ITEM_HEADING,
  APPLICATIONS_HEADER_RULE,
  ...APPLICANT_COLUMNS.map((c) => c.short),
];

/** Table 四's two top headings (merged cells); litigation spans two groups. */
export const RECONSIDERATION_HEADING = '行政复议';
export const LITIGATION_HEADING = '行政诉讼';

const REVIEW_GROUP_TABLE = [
  { key: 'reconsideration', label: RECONSIDERATION_HEADING, short: RECONSIDERATION_HEADING, en: 'Administrative reconsideration' },
  { key: 'litigationDirect', label: `${LITIGATION_HEADING}—未经复议直接起诉`, short: '未经复议直接起诉', en: 'Litigation without reconsideration' },
  { key: 'litigationAfterReconsideration', label: `${LITIGATION_HEADING}—复议后起诉`, short: '复议后起诉', en: 'Litigation after reconsideration' },
] as const satisfies readonly ColumnDef[];
export type ReviewGroupKey = (typeof REVIEW_GROUP_TABLE)[number]['key'];
export const REVIEW_GROUPS: readonly ColumnDef<ReviewGroupKey>[] = REVIEW_GROUP_TABLE;

const REVIEW_COLUMN_TABLE = [
  { key: 'upheld', label: '结果维持', short: '维持', en: 'Upheld' },
  { key: 'corrected', label: '结果纠正', short: '纠正', en: 'Corrected' },
  { key: 'other', label: '其他结果', short: '其他', en: 'Other result' },
  { key: 'pending', label: '尚未审结', short: '未审结', en: 'Pending' },
  { key: 'total', label: '总计', short: '总计', en: 'Total' },
] as const satisfies readonly ColumnDef[];
export type ReviewKey = (typeof REVIEW_COLUMN_TABLE)[number]['key'];
export const REVIEW_COLUMNS: readonly ColumnDef<ReviewKey>[] = REVIEW_COLUMN_TABLE;
export const REVIEW_KEYS: readonly ReviewKey[] = REVIEW_COLUMNS.map((c) => c.key);

export interface ProactiveColumnDef<K extends string = string> {
  key: K;
  label: string;
  en: string;
  decimal?: boolean;
  signed?: boolean;
}

export interface ProactiveItemDef<K extends string = string> {
  /** Dotted key under `proactive`. */
  key: K;
  label: string;
  aliases: readonly string[];
  en: string;
  /** 第二十条第（N）项 block heading the item is printed under. */
  article: string;
  /** Column keys (relative to `key`) with labels; a single column with key '' is the item itself. */
  columns: readonly ProactiveColumnDef[];
}

const PROACTIVE_2021_TABLE = [
  {
    key: 'regulations',
    label: '规章',
    aliases: ['规章'],
    en: 'Regulations',
    article: '第二十条第（一）项',
    columns: [
      { key: 'issued', label: '本年制发件数', en: 'issued this year' },
      { key: 'repealed', label: '本年废止件数', en: 'repealed this year' },
      { key: 'inForce', label: '现行有效件数', en: 'in force' },
    ],
  },
  {
    key: 'normativeDocuments',
    label: '行政规范性文件',
    aliases: ['行政规范性文件', '规范性文件'],
    en: 'Normative documents',
    article: '第二十条第（一）项',
    columns: [
      { key: 'issued', label: '本年制发件数', en: 'issued this year' },
      { key: 'repealed', label: '本年废止件数', en: 'repealed this year' },
      { key: 'inForce', label: '现行有效件数', en: 'in force' },
    ],
  },
  {
    key: 'licensing',
    label: '行政许可',
    aliases: ['行政许可'],
    en: 'Licensing decisions',
    article: '第二十条第（五）项',
    columns: [{ key: '', label: '本年处理决定数量', en: 'decisions this year' }],
  },
  {
    key: 'penalties',
    label: '行政处罚',
    aliases: ['行政处罚'],
    en: 'Penalty decisions',
    article: '第二十条第（六）项',
    columns: [{ key: '', label: '本年处理决定数量', en: 'decisions this year' }],
  },
  {
    key: 'coercion',
    label: '行政强制',
    aliases: ['行政强制'],
    en: 'Coercive measures',
    article: '第二十条第（六）项',
    columns: [{ key: '', label: '本年处理决定数量', en: 'decisions this year' }],
  },
  {
    key: 'feesWan',
    label: '行政事业性收费',
    aliases: ['行政事业性收费'],
    en: 'Administrative fees (10,000 yuan)',
    article: '第二十条第（八）项',
    columns: [{ key: '', label: '本年收费金额（单位：万元）', en: 'fees this year (10,000 yuan)', decimal: true }],
  },
] as const satisfies readonly ProactiveItemDef[];
/** Table 二, 2021 format. */
export const PROACTIVE_2021: readonly ProactiveItemDef<(typeof PROACTIVE_2021_TABLE)[number]['key']>[] = PROACTIVE_2021_TABLE;

/**
 * Table 二, 2019 trial format, kept under `proactive.v2019` (keys documented in docs/template.md).
 * `decisions` of licensing / penalties / coercion are also mapped to the 2021 top-level keys.
 */
const V2019_PUBLISH = [
  { key: 'created', label: '本年新制作数量', en: 'created this year' },
  { key: 'published', label: '本年新公开数量', en: 'published this year' },
  { key: 'total', label: '对外公开总数量', en: 'published in total' },
] as const;
const V2019_ITEMS = [
  { key: 'previousYear', label: '上一年项目数量', en: 'items last year' },
  { key: 'change', label: '本年增/减', en: 'change this year', signed: true },
  { key: 'decisions', label: '处理决定数量', en: 'decisions' },
] as const;
const PROACTIVE_2019_TABLE = [
  { key: 'v2019.regulations', label: '规章', aliases: ['规章'], en: 'Regulations', article: '第二十条第（一）项', columns: V2019_PUBLISH },
  {
    key: 'v2019.normativeDocuments',
    label: '规范性文件',
    aliases: ['行政规范性文件', '规范性文件'],
    en: 'Normative documents',
    article: '第二十条第（一）项',
    columns: V2019_PUBLISH,
  },
  { key: 'v2019.licensing', label: '行政许可', aliases: ['行政许可'], en: 'Licensing', article: '第二十条第（五）项', columns: V2019_ITEMS },
  {
    key: 'v2019.otherServices',
    label: '其他对外管理服务事项',
    aliases: ['其他对外管理服务事项', '对外管理服务事项'],
    en: 'Other external services',
    article: '第二十条第（五）项',
    columns: V2019_ITEMS,
  },
  { key: 'v2019.penalties', label: '行政处罚', aliases: ['行政处罚'], en: 'Penalties', article: '第二十条第（六）项', columns: V2019_ITEMS },
  { key: 'v2019.coercion', label: '行政强制', aliases: ['行政强制'], en: 'Coercion', article: '第二十条第（六）项', columns: V2019_ITEMS },
  {
    key: 'v2019.fees',
    label: '行政事业性收费',
    aliases: ['行政事业性收费'],
    en: 'Administrative fees',
    article: '第二十条第（八）项',
    columns: [
      { key: 'previousYear', label: '上一年项目数量', en: 'items last year' },
      { key: 'change', label: '本年增/减', en: 'change this year', signed: true },
    ],
  },
  {
    key: 'v2019.procurement',
    label: '政府集中采购',
    aliases: ['政府集中采购'],
    en: 'Central government procurement',
    article: '第二十条第（九）项',
    columns: [
      { key: 'projects', label: '采购项目数量', en: 'projects' },
      { key: 'amountWan', label: '采购总金额', en: 'amount (10,000 yuan)', decimal: true },
    ],
  },
] as const satisfies readonly ProactiveItemDef[];
export const PROACTIVE_2019: readonly ProactiveItemDef<(typeof PROACTIVE_2019_TABLE)[number]['key']>[] = PROACTIVE_2019_TABLE;

type ItemPaths<I> = I extends { readonly key: infer K extends string; readonly columns: readonly (infer C)[] } ? ColumnPath<K, C> : never;
type ColumnPath<K extends string, C> = C extends { readonly key: infer CK extends string }
  ? CK extends ''
    ? `proactive.${K}`
    : `proactive.${K}.${CK}`
  : never;
/** A cell of table 二, either version: `proactive.licensing`, `proactive.v2019.fees.change`. */
export type ProactivePath = ItemPaths<(typeof PROACTIVE_2021_TABLE)[number] | (typeof PROACTIVE_2019_TABLE)[number]>;
/** A cell of table 三: `applications.<row>.<applicant column>`. */
export type ApplicationsPath = `applications.${ApplicationRowKey}.${ApplicantKey}`;
/** A cell of table 四: `reviews.<group>.<result column>`. */
export type ReviewsPath = `reviews.${ReviewGroupKey}.${ReviewKey}`;
/** The dotted canonical key of one count cell of the template (docs/report-data.md). A typo fails `tsc`. */
export type CellPath = ProactivePath | ApplicationsPath | ReviewsPath;

/** 2019 item → 2021 top-level key fed from its 处理决定数量. */
export const V2019_DECISION_MAP: Readonly<Record<string, string>> = {
  'v2019.licensing': 'licensing',
  'v2019.penalties': 'penalties',
  'v2019.coercion': 'coercion',
};

export function proactiveItems(version: TemplateVersion): readonly ProactiveItemDef[] {
  return version === '2019' ? PROACTIVE_2019 : PROACTIVE_2021;
}

/** Column header labels that tell the two versions of table 二 apart. */
export const VERSION_MARKERS: Readonly<Record<TemplateVersion, readonly string[]>> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量'],
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '政府集中采购'],
};

export type SectionKey = 'overview' | 'proactive' | 'applications' | 'reviews' | 'problems' | 'other';

/** The subject every report is about, printed in its title and in some headings. */
export const DISCLOSURE = '政府信息公开';

/** The title a report prints: `淮源镇人民政府2023年政府信息公开工作年度报告`. */
export function reportTitle(organ: string | null, year: number | null): string {
  return `${organ ?? ''}${year ?? ''}年${DISCLOSURE}工作年度报告`;
}

export interface SectionDef {
  key: SectionKey;
  number: string;
  label: string;
  en: string;
  /** Heading keywords (headings are renumbered in the wild, so match words). */
  keywords: readonly string[];
  /** Short words every keyword contains: a cheap first look at a line before the real match. */
  hints: readonly string[];
}

/** The six sections, with heading keywords (headings are renumbered in the wild, so match words). */
export const SECTIONS: readonly SectionDef[] = [
  { key: 'overview', number: '一', label: '总体情况', en: 'Overview', keywords: ['总体情况', '概述'], hints: ['总体', '概述'] },
  {
    key: 'proactive',
    number: '二',
    label: '主动公开政府信息情况',
    en: 'Proactive disclosure',
    keywords: ['主动公开政府信息情况', '主动公开政府信息'],
    hints: ['主动公开'],
  },
  {
    key: 'applications',
    number: '三',
    label: '收到和处理政府信息公开申请情况',
    en: 'Disclosure applications',
    keywords: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请'],
    hints: ['收到和处理'],
  },
  {
    key: 'reviews',
    number: '四',
    label: `${DISCLOSURE}${RECONSIDERATION_HEADING}、${LITIGATION_HEADING}情况`,
    en: 'Reconsideration and litigation',
    keywords: ['行政复议、行政诉讼情况', '行政复议行政诉讼情况', '行政复议、行政诉讼', '行政法复议、行政诉讼'],
    hints: ['复议'],
  },
  {
    key: 'problems',
    number: '五',
    label: '存在的主要问题及改进情况',
    en: 'Problems and improvements',
    keywords: ['存在的主要问题', '主要问题及', '存在问题及'],
    hints: ['问题'],
  },
  { key: 'other', number: '六', label: '其他需要报告的事项', en: 'Other matters', keywords: ['其他需要报告的事项', '其他需要报告'], hints: ['其他需要'] },
];

/** A section's definition by key. */
export function section(key: SectionKey): SectionDef {
  return SECTIONS.find((s) => s.key === key) as SectionDef;
}

/** A section's heading as the template prints it: `三、收到和处理政府信息公开申请情况`. */
export function sectionHeading(key: SectionKey): string {
  const s = section(key);
  return `${s.number}、${s.label}`;
}
