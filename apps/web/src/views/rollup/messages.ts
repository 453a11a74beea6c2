import type { Lang } from '../../i18n.js';

/** Interface words of the roll-up view (template labels come from @gongkai/report-template). */
const M = {
  title: ['{scope}{year}年政府信息公开工作年度报告（汇总）', '{scope} {year}: annual report compiled from its units'],
  intro: [
    '每个数字是下列已发布单位报告之和。点击或聚焦任一数字，查看各单位的数值和报告。',
    'Every number is the sum of the published reports of the units below. Click or focus a number to see each unit’s figure and report.',
  ],
  ownOffice: ['含本级政府办（{name}）', 'Include the government office ({name})'],
  docx: ['下载 Word', 'Download Word'],
  csv: ['下载 CSV', 'Download CSV'],
  print: ['打印', 'Print'],
  freeze: ['冻结此版本', 'Freeze this version'],
  freezeConfirm: [
    '冻结后，数据版本 {v} 的汇总表和 Word 文件将被保存并记入审计日志，以后数据更新也可下载。确认冻结？',
    'The tables and Word file at data version {v} will be kept and audited, downloadable after later changes. Freeze?',
  ],
  confirm: ['确认冻结', 'Freeze'],
  cancel: ['取消', 'Cancel'],
  frozenDone: ['已冻结：数据版本 {v}', 'Frozen at data version {v}'],
  stamp: ['范围 {scope} · {year} 年 · {n} 个单位 · 数据版本 {v} · 口径版本 {m}', 'Scope {scope} · {year} · {n} units · data version {v} · metrics version {m}'],
  cellPanel: ['单元格来源', 'Where the number comes from'],
  cellHint: ['点击或聚焦表中任一数字。', 'Click or focus any number in the tables.'],
  unit: ['单位', 'Unit'],
  value: ['数值', 'Value'],
  sum: ['合计', 'Sum'],
  blank: ['空白（按 0 计）', 'blank (counted as 0)'],
  yoy: ['主要指标同比', 'Headline figures, year on year'],
  metric: ['指标', 'Figure'],
  thisYear: ['本年', 'This year'],
  lastYear: ['上年', 'Last year'],
  change: ['变化', 'Change'],
  checks: ['勾稽关系核对', 'Rules of the template on the totals'],
  checksOk: ['合计数据符合模板的全部勾稽关系。', 'The totals satisfy every rule of the template.'],
  breaks: ['由以下单位的报告造成：', 'Caused by these units’ reports:'],
  prose: ['第一部分“总体情况”建议表述（可修改）', 'Suggested sentences for section 一 (edit as needed)'],
  included: ['已汇总单位（{n}）', 'Units included ({n})'],
  missing: ['未汇总：缺报或未发布（{n}）', 'Not included: missing or unpublished ({n})'],
  frozen: ['已冻结的版本', 'Frozen versions'],
  frozenBy: ['{who} 于 {at} 冻结，数据版本 {v}', 'frozen by {who} on {at}, data version {v}'],
  changed: ['自数据版本 {since} 以来已有变化：', 'Changed since data version {since}:'],
  changedSinceFrozen: ['与最近冻结的版本（数据版本 {since}）相比：', 'Compared with the latest frozen version (data version {since}):'],
  unchanged: ['与最近冻结的版本相同。', 'Same as the latest frozen version.'],
  cellsChanged: ['{n} 个单元格变化', '{n} cells changed'],
  added: ['新增单位', 'units added'],
  removed: ['移出单位', 'units removed'],
  republished: ['重新发布', 'republished'],
  'state.notPublished': ['未发布', 'not published'],
  'state.missing': ['未报送', 'missing'],
  'state.submitted': ['待审核', 'submitted'],
  'state.accepted': ['已接收未发布', 'accepted, not published'],
  'state.returned': ['已退回', 'returned'],
  'state.published': ['已发布', 'published'],
} as const;

export type RollupKey = keyof typeof M;

export function rt(lang: Lang, key: RollupKey, vars: Record<string, string | number> = {}): string {
  const s = M[key][lang === 'zh' ? 0 : 1] as string;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
