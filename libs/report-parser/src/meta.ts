import { normalizeText } from './normalize.js';

export interface TitleInfo {
  organ: string | null;
  year: number | null;
}

const TITLE = /^(.*?)((?:19|20)\d{2})\s*年度?\s*(.*?)政府信息公开(?:工作)?(?:年度)?(?:报告|工作报告)/;

/** Year and reporting body from the title (first lines), as printed. */
export function titleInfo(lines: string[]): TitleInfo {
  const head = lines.slice(0, 6).map((l) => normalizeText(l).replace(/\s+/g, ''));
  for (let i = 0; i < head.length; i++) {
    const line = head[i] as string;
    const m = TITLE.exec(line);
    if (!m) continue;
    let organ = clean(m[1] as string) || clean(m[3] as string);
    if (!organ && i > 0) {
      const prev = clean(head[i - 1] as string);
      if (prev && prev.length <= 30 && /(政府|办事处|局|委员会|办公室|委|办|院|中心|街道|镇|乡)$/.test(prev)) organ = prev;
    }
    return { organ: organ || null, year: Number(m[2]) };
  }
  const joined = head.join('');
  const m = TITLE.exec(joined);
  if (m) return { organ: clean(m[1] as string) || clean(m[3] as string) || null, year: Number(m[2]) };
  const y = /((?:19|20)\d{2})年(?:度)?政府信息公开/.exec(lines.slice(0, 40).join('')) ?? /统计期限自((?:19|20)\d{2})年/.exec(lines.join(''));
  return { organ: null, year: y ? Number(y[1]) : null };
}

/** One organ-name matcher for the whole product: the template's (report.organ stays in its short form). */
export { shortOrgan } from '@gongkai/report-template';

/** A body's name ends in one of these; what stands before it on a crawled line is page furniture. */
const ORGAN_TAIL = /[\u4e00-\u9fff]{2,24}?(?:人民政府办公室|人民政府|街道办事处|办事处|委员会|办公室|管理局|局|委|厅|院|中心|街道|镇|乡)$/;

function clean(s: string): string {
  // `当前位置:首页>…发布时间:2024-03-15来源:大河镇人民政府浏览次数:1836大河镇人民政府`: the name is its tail.
  const tail = s.length > 30 || /[>:：]|\d/.test(s) ? ORGAN_TAIL.exec(s.replace(/^.*[>:：\d\s]/, '').replace(/^.*(?:首页|当前位置|年报|专栏|栏目)/, '')) : null;
  if (tail) s = tail[0];
  return s
    .replace(/^[《〈"“]+|[》〉"”]+$/g, '')
    .replace(/^关于/, '')
    .replace(/[：:，,。]+$/, '')
    .replace(/的$/, '')
    .trim();
}

/** The issue date printed at the end of a report, under its signature: `2024年1月20日`. */
export function publishedDate(lines: string[]): string | null {
  for (const line of lines.slice(-8).reverse()) {
    // A paragraph is no date line: told by its length before it is folded.
    if (visibleLength(line) > 64) continue;
    const t = normalizeText(line).replace(/\s+/g, '');
    if (t.length > 24) continue;
    const m = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$/.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) continue;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

/** Characters other than spaces (folding never makes a text much shorter than this). */
function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c !== 0x3000 && c !== 0xa0) n++;
  }
  return n;
}
