import { METRICS } from '@gongkai/report-template';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'zh' | 'en';

/** Interface words. Template and metric labels come from @gongkai/report-template, never from here. */
const MESSAGES = {
  brand: ['公开 · 政府信息公开年报', 'Gongkai · disclosure annual reports'],
  'nav.overview': ['全县概览', 'County overview'],
  'nav.compare': ['乡镇对比', 'Township comparison'],
  'nav.report': ['报告', 'Report'],
  'nav.quality': ['数据质量', 'Data quality'],
  'nav.submit': ['提交', 'Submit'],
  'nav.analysts': ['分析接口', 'Analysts'],
  'nav.rollup': ['汇总报告', 'Compiled report'],
  county: ['县区', 'County'],
  year: ['年度', 'Year'],
  from: ['对比年', 'From year'],
  to: ['本年', 'To year'],
  metric: ['指标', 'Metric'],
  unit: ['单位', 'Unit'],
  units: ['单位', 'Units'],
  language: ['English', '中文'],
  'lang.switch': ['切换到英文', 'Switch to Chinese'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  'login.title': ['登录（办事员与管理员）', 'Log in (clerks and admins)'],
  'login.hint': ['公众无需登录即可查看已发布数据。', 'Published data is public; no login needed to view it.'],
  loading: ['加载中…', 'Loading…'],
  'error.title': ['出错了', 'Something went wrong'],
  'error.retry': ['重试', 'Retry'],
  'empty.noData': [
    '所选范围和年度还没有已发布的数据。请换一个年度，或等待报告发布。',
    'No published data for this scope and year yet. Pick another year, or wait for reports to be published.',
  ],
  'empty.noCounty': [
    '还没有县区数据。用 `gongkai ingest` 导入报告，或以管理员身份新建单位。',
    'No counties yet. Import reports with `gongkai ingest`, or create units as an admin.',
  ],
  'synthetic.banner': [
    '演示数据：本范围内标为“合成”的报告由 Gongkai 生成，并非真实报告（本年 {n} 份中 {k} 份）。',
    'Demo data: reports marked “synthetic” here were made up by Gongkai, not real reports ({k} of {n} this year).',
  ],
  'overview.headline': ['本年主要数字', 'Headline figures'],
  'overview.vsPrev': ['较上年', 'vs previous year'],
  'overview.trendApps': ['申请受理与办结', 'Applications received and handled'],
  'overview.trendOutcomes': ['办理结果构成', 'Outcomes'],
  'overview.trendRates': ['办理结果比率', 'Outcome rates'],
  'overview.trendReviews': ['行政复议与诉讼', 'Reconsiderations and litigation'],
  'overview.trendReviewResults': ['行政复议结果', 'Reconsideration results'],
  'overview.trendProactive': ['主动公开', 'Proactive disclosure'],
  'overview.units': ['查看各单位', 'See the units'],
  'overview.reports': ['份报告', 'reports'],
  'compare.pick': ['选择单位（不选则为全部）', 'Pick units (none = all)'],
  'compare.allKinds': ['含县直部门和县政府', 'Include departments and the county government'],
  'compare.grouped': ['两年对比', 'Two years side by side'],
  'compare.heatmap': ['单位 × 年度', 'Unit × year'],
  'compare.multiples': ['各单位趋势', 'Each unit’s trend'],
  'compare.ranking': ['排名', 'Ranking'],
  'compare.rank': ['名次', 'Rank'],
  'compare.value': ['数值', 'Value'],
  'compare.change': ['变化', 'Change'],
  'compare.percentile': ['百分位', 'Percentile'],
  'compare.trend': ['趋势', 'Trend'],
  'compare.quartiles': ['同级四分位数', 'Peer quartiles'],
  'compare.smallSample': ['样本少（不足30件）', 'small sample (under 30)'],
  'compare.n': ['件数', 'n'],
  'report.pickUnit': ['选择单位和年度查看报告。', 'Pick a unit and a year to see its report.'],
  'report.none': ['该单位该年度没有可查看的报告。', 'No report you may see for this unit and year.'],
  'report.original': ['下载原文件', 'Download the original file'],
  'report.versions': ['版本记录', 'Versions'],
  'report.diff': ['对比两个版本', 'Compare two versions'],
  'report.diffNone': ['两个版本的数字相同。', 'The two versions have the same figures.'],
  'report.findings': ['问题', 'Findings'],
  'report.noFindings': ['没有发现问题。', 'No findings.'],
  'report.source': ['来源', 'Source'],
  'report.status': ['状态', 'Status'],
  'report.accept': ['接收', 'Accept'],
  'report.publish': ['发布', 'Publish'],
  'report.return': ['退回', 'Return'],
  'report.returnReason': ['退回原因', 'Reason for returning'],
  'report.confirm': ['确认', 'Confirm'],
  'report.dismiss': ['驳回', 'Dismiss'],
  'report.submittedBy': ['提交人', 'Submitted by'],
  'report.template': ['模板', 'Template'],
  'report.synthetic': ['合成演示数据', 'Synthetic demo data'],
  'report.derived': ['计算得出', 'computed'],
  'report.split': ['由粘连数字拆分', 'split from glued digits'],
  line: ['第{n}行', 'line {n}'],
  page: ['第{n}页', 'page {n}'],
  cell: ['表{t} 第{r}行 第{c}列', 'table {t}, row {r}, column {c}'],
  'quality.matrix': ['报送情况（单位 × 年度）', 'Submissions (unit × year)'],
  'quality.findings': ['未处理的问题', 'Open findings'],
  'quality.anomalies': ['异常', 'Anomalies'],
  'quality.noAnomalies': ['没有发现异常。', 'No anomalies found.'],
  'quality.noFindings': ['没有未处理的问题。', 'No open findings.'],
  'quality.loginForStatus': ['登录为县管理员可查看报送情况。', 'Log in as a county admin to see submission status.'],
  'quality.rule': ['规则', 'Rule'],
  'quality.severity': ['级别', 'Severity'],
  'quality.late': ['逾期', 'late'],
  'quality.expected': ['应报', 'expected'],
  'quality.missing': ['未报', 'missing'],
  'quality.returned': ['退回', 'returned'],
  'state.missing': ['未报', 'missing'],
  'state.submitted': ['已提交', 'submitted'],
  'state.returned': ['已退回', 'returned'],
  'state.accepted': ['已接收', 'accepted'],
  'state.published': ['已发布', 'published'],
  'submit.title': ['提交年度报告', 'Submit an annual report'],
  'submit.loginFirst': ['请先以办事员或管理员身份登录再提交。', 'Log in as a clerk or an admin to submit.'],
  'submit.drop': ['把报告文件拖到这里，或点击选择（HTML、PDF、Word、文本）', 'Drop the report file here, or click to choose (HTML, PDF, Word, text)'],
  'submit.paste': ['或粘贴报告全文', 'or paste the report text'],
  'submit.preview': ['预览', 'Preview'],
  'submit.submit': ['提交', 'Submit'],
  'submit.parsed': ['读出的表格', 'Tables as read'],
  'submit.created': ['已保存为第{n}版，状态：{s}', 'Stored as version {n}, status: {s}'],
  'submit.unchanged': ['同一文件已是第{n}版，未新建版本。', 'The same file is already version {n}; no new version.'],
  'submit.forUnit': ['报送单位', 'Reporting unit'],
  'submit.overrideReason': [
    '标题中的机关不是所选单位。若确属本单位，写明理由后再预览或提交（记入审计日志）：',
    'The title names another body. If it is this unit’s report, give the reason and preview or submit again (audited):',
  ],
  'analysts.intro': [
    '以下查询可直接粘贴到任何 GraphQL 客户端（POST /graphql）。在此运行并下载结果为 CSV。',
    'Paste these into any GraphQL client (POST /graphql). Run them here and download the result as CSV.',
  ],
  'analysts.run': ['运行', 'Run'],
  'analysts.csv': ['下载 CSV', 'Download CSV'],
  'export.png': ['PNG', 'PNG'],
  'export.svg': ['SVG', 'SVG'],
  'export.csv': ['CSV', 'CSV'],
  'export.print': ['打印', 'Print'],
  'print.filters': ['筛选', 'Filters'],
  'print.version': ['口径版本', 'Metrics version'],
  'kind.township': ['乡', 'Township'],
  'kind.town': ['镇', 'Town'],
  'kind.street': ['街道', 'Street office'],
  'kind.department': ['县直部门', 'County department'],
  'kind.government': ['县级人民政府', 'County government'],
  'kind.county': ['县', 'County'],
  'kind.city': ['市', 'City'],
  'kind.province': ['省', 'Province'],
  'anomaly.spike': ['突增突降', 'Spike'],
  'anomaly.zeroAmongPeers': ['同级非零而本单位为零', 'Zero among peers'],
  'anomaly.continuityBreak': ['跨年不衔接', 'Continuity break'],
  'anomaly.copiedFigures': ['数字雷同', 'Copied figures'],
  'anomaly.copiedText': ['文字雷同', 'Copied text'],
  all: ['全部', 'All'],
  none: ['无', 'None'],
  skip: ['跳到正文', 'Skip to content'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = MESSAGES[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A metric's name in the language, from the metric dictionary. */
export function metricLabel(lang: Lang, key: string): string {
  const m = METRICS.get(key);
  return m ? m[lang] : key;
}

export const LangContext = createContext<Lang>('zh');

export function useT() {
  const lang = useContext(LangContext);
  return {
    lang,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
    metric: (key: string) => metricLabel(lang, key),
    kind: (kind: string) => translate(lang, `kind.${kind}` as MessageKey),
  };
}
