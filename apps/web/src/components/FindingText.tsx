import { cellLabel, RULES, type RuleDef } from '@gongkai/report-template';
import { type MessageKey, useT } from '../i18n.js';

export interface FindingLike {
  rule: string;
  severity: string;
  message: string;
  cells?: readonly string[];
  expected?: number | null;
  found?: number | null;
}

/** The same in plain text (tooltips, accessible names). */
export function findingPlain(f: FindingLike, lang: 'zh' | 'en'): string {
  const rule = (RULES as Record<string, RuleDef>)[f.rule];
  if (lang === 'zh') return f.message;
  const has = (x: number | null | undefined): x is number => x !== undefined && x !== null;
  return [rule ? rule.en : f.rule, has(f.expected) && has(f.found) ? `expected ${f.expected}, found ${f.found}` : ''].filter(Boolean).join(' · ');
}

/**
 * A finding in the reader's language. The validator's message is Chinese with the specifics; in
 * English the rule registry's wording, the cells' English labels and the numbers stand in for it.
 */
export function FindingText({ f }: { f: FindingLike }) {
  const { t, lang } = useT();
  const rule = (RULES as Record<string, RuleDef>)[f.rule];
  const has = (x: number | null | undefined): x is number => x !== undefined && x !== null;
  const detail = has(f.expected) && has(f.found) ? t('finding.detail', { e: f.expected, f: f.found }) : null;
  const cells = (f.cells ?? []).slice(0, 3).map((c) => cellLabel(c, 'en'));
  return (
    <>
      <strong class="severity">{t(`severity.${f.severity}` as MessageKey)}</strong>{' '}
      {lang === 'zh' ? (
        <>
          <span class="rule-name">{rule ? rule.zh : f.rule}</span>：{f.message}
        </>
      ) : (
        <>
          <span class="rule-name">{rule ? rule.en : f.rule}</span>
          {cells.length > 0 && <> · {cells.join('; ')}</>}
          {detail && <> · {detail}</>}
        </>
      )}
    </>
  );
}
