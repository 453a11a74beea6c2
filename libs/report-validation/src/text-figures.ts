/**
 * Numbers the overview text states about applications and reviews. Reports phrase them in many
 * ways; we only take figures whose wording is unambiguous, so a miss means "not stated".
 */
export interface TextFigures {
  received?: number;
  handled?: number;
  granted?: number;
  carriedForward?: number;
  reconsideration?: number;
  litigation?: number;
}

const N = '(\\d+)\\s*(?:件|条|宗|个)';
const PATTERNS: readonly [keyof TextFigures, RegExp][] = [
  ['received', new RegExp(`(?:本年|全年|共|累计)?(?:新)?(?:收到|受理|接收)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共)?\\s*${N}`)],
  ['handled', new RegExp(`(?:办结|答复|办理完毕)(?:政府信息公开申请|申请)?(?:共)?\\s*${N}`)],
  ['granted', new RegExp(`(?:其中)?予以公开\\s*${N}`)],
  ['carriedForward', new RegExp(`结转(?:至)?下(?:一)?年度(?:继续办理)?(?:申请)?\\s*${N}`)],
  ['reconsideration', new RegExp(`(?:发生|收到|涉及)?(?:政府信息公开)?(?:类)?行政复议(?:案件)?(?:申请)?\\s*${N}`)],
  ['litigation', new RegExp(`(?:发生|收到|涉及)?(?:政府信息公开)?(?:类)?行政诉讼(?:案件)?\\s*${N}`)],
];

export function textFigures(text: string | null | undefined): TextFigures {
  const out: TextFigures = {};
  if (!text) return out;
  const flat = text.replace(/\s+/g, '');
  for (const [key, re] of PATTERNS) {
    const m = re.exec(flat);
    if (m?.[1] !== undefined) out[key] = Number(m[1]);
  }
  return out;
}
