import {
  type CanonicalReport,
  cellPaths,
  emptyReport,
  type Finding,
  getPath,
  type Provenance,
  RULES,
  setPath,
  type TemplateVersion,
} from '@gongkai/report-template';
import { UnreadableInputError } from '../errors.js';

/** Does this text look like a canonical report (the output of `gongkai parse --json`)? */
export function looksCanonicalJson(text: string): boolean {
  // Told by its first character before anything is cut from a page of text.
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  if (text.charCodeAt(i) !== 0x7b) return false;
  const head = text.trimStart().slice(0, 4096);
  return head.startsWith('{') && /"templateVersion"\s*:/.test(head);
}

/**
 * Reads canonical JSON: every count must be a number or null; anything else is refused cell by
 * cell (`parse.unreadableCell`), never coerced. No per-cell provenance: the stored file is this JSON
 * and each number sits under its own canonical key in it.
 */
export function readCanonicalJson(text: string): { report: CanonicalReport; provenance: Record<string, Provenance>; findings: Finding[] } {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UnreadableInputError('input.notReport', `JSON 无法解析 (invalid JSON: ${(e as Error).message.split('\n')[0]})`);
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new UnreadableInputError('input.notReport', 'JSON 不是一份报告对象 (not a report object)');
  const version = input.templateVersion;
  if (version !== '2021' && version !== '2019')
    throw new UnreadableInputError('input.notReport', `templateVersion 应为 "2021" 或 "2019" (got ${JSON.stringify(version)?.slice(0, 20)})`);
  for (const part of ['proactive', 'applications', 'reviews']) {
    const v = input[part];
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw new UnreadableInputError('input.notReport', `JSON 缺少“${part}”对象，不是规范格式的报告 (missing ${part})`);
  }
  const report = emptyReport(version as TemplateVersion);
  report.organ = typeof input.organ === 'string' ? input.organ.slice(0, 100) : null;
  report.year = Number.isInteger(input.year) ? (input.year as number) : null;
  const text_ = (input.text ?? {}) as Record<string, unknown>;
  report.text = {
    overview: typeof text_.overview === 'string' ? text_.overview : null,
    problems: typeof text_.problems === 'string' ? text_.problems : null,
    other: typeof text_.other === 'string' ? text_.other : null,
  };
  const provenance: Record<string, Provenance> = {}; // see above: the key is the provenance
  const bad: string[] = [];
  for (const path of cellPaths(version as TemplateVersion)) {
    const v = getPath(input, path);
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v)) {
      // The file is the canonical JSON itself: each number traces to the same key in it.
      setPath(report as unknown as Record<string, unknown>, path, v);
    } else bad.push(path);
  }
  const findings: Finding[] = bad.length
    ? [
        {
          rule: 'parse.unreadableCell',
          severity: RULES['parse.unreadableCell'].severity,
          message: `${bad.length} 个数据项不是数字，未采用（如 ${bad[0]}）`,
          cells: bad,
        },
      ]
    : [];
  return { report, provenance, findings };
}
