import { type LCell, layout } from '@gongkai/report-render/layout';
import { type CanonicalReport, cellLabel, type Provenance } from '@gongkai/report-template';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type Lang, translate, useT } from '../i18n.js';
import { findingPlain } from './FindingText.js';

export interface CellFinding {
  id?: string;
  rule: string;
  severity: string;
  message: string;
  cells: readonly string[];
}

/** Where a number came from, in words: line, table cell or page, and the raw text. */
export function describeSource(p: Provenance | undefined, lang: Lang): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.page !== undefined) parts.push(translate(lang, 'page', { n: p.page }));
  if (p.table !== undefined && p.row !== undefined && p.col !== undefined) parts.push(translate(lang, 'cell', { t: p.table + 1, r: p.row + 1, c: p.col + 1 }));
  if (p.line !== undefined) parts.push(translate(lang, 'line', { n: p.line }));
  if (p.derived) parts.push(`${translate(lang, 'report.derived')}: ${p.derived}`);
  if (p.split) parts.push(translate(lang, 'report.split'));
  if (p.raw) parts.push(`“${p.raw}”`);
  return parts.join(' · ');
}

/**
 * The report as the national template prints it. Every number carries its source (hover or focus)
 * and the findings that concern it.
 */
export function ReportTables({
  data,
  provenance,
  findings,
  changed,
}: {
  data: CanonicalReport;
  provenance: Record<string, Provenance>;
  findings: readonly CellFinding[];
  /** Keys that differ from another version, highlighted. */
  changed?: ReadonlySet<string>;
}) {
  const { lang, t } = useT();
  // The number in focus (keyboard or pointer) and its source, shown in a panel that is announced.
  const [focus, setFocus] = useState<{ key: string; text: string } | null>(null);
  const byCell = new Map<string, CellFinding[]>();
  for (const f of findings) for (const c of f.cells) byCell.set(c, [...(byCell.get(c) ?? []), f]);
  return (
    <TemplateTables data={data}>
      <p class="source-panel" role="status" aria-live="polite" lang={lang === 'zh' ? 'zh-CN' : 'en'} data-key={focus?.key}>
        {focus ? focus.text : t('report.sourceHint')}
      </p>
      {(c: LCell & { key: string }, j: number) => {
        const fs = byCell.get(c.key) ?? [];
        const severity = fs.some((f) => f.severity === 'error') ? 'error' : fs.length ? 'warning' : '';
        const src = describeSource(provenance[c.key], lang);
        const tip = [cellLabel(c.key, lang), src ? `${t('report.source')}: ${src}` : '', ...fs.map((f) => `⚠ ${findingPlain(f, lang)}`)]
          .filter(Boolean)
          .join('\n');
        return (
          <td
            key={j}
            colSpan={c.colspan}
            rowSpan={c.rowspan}
            class={`v ${severity ? `finding-${severity}` : ''} ${changed?.has(c.key) ? 'changed' : ''}`}
            data-key={c.key}
            data-source={src}
            title={tip}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: numbers are focusable so keyboard users can read their source
            tabIndex={0}
            onFocus={() => setFocus({ key: c.key as string, text: tip })}
            onMouseEnter={() => setFocus({ key: c.key as string, text: tip })}
            aria-label={`${cellLabel(c.key, lang)}: ${c.text || '—'}${src ? `; ${src}` : ''}${fs.length ? `; ${fs.map((f) => findingPlain(f, lang)).join('; ')}` : ''}`}
          >
            {c.text}
            {fs.length > 0 && <span class="sr-only"> ⚠</span>}
          </td>
        );
      }}
    </TemplateTables>
  );
}

/**
 * Tables 二, 三 and 四 as the national template lays them out (`@gongkai/report-render/layout`),
 * labels in both languages; each number cell is drawn by the view (report, roll-up).
 */
export function TemplateTables({
  data,
  class: className = '',
  children: [before, valueCell],
}: {
  data: CanonicalReport;
  class?: string;
  children: [ComponentChildren, (c: LCell & { key: string }, j: number) => ComponentChildren];
}) {
  const { lang } = useT();
  let tableNo = 0;
  return (
    <div class={`report-doc ${className}`} lang="zh-CN">
      {before}
      {layout(data).map((b, i) => {
        if (b.kind === 'title') return <h2 key={i}>{b.text}</h2>;
        if (b.kind === 'heading') return <h3 key={i}>{b.text}</h3>;
        if (b.kind === 'para') return <p key={i}>{b.text}</p>;
        tableNo++;
        return (
          <div class="table-wrap" key={i}>
            <table class="template" data-table={tableNo}>
              <tbody>
                {b.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((c, j) =>
                      !c.value || !c.key ? (
                        <th key={j} scope="row" colSpan={c.colspan} rowSpan={c.rowspan}>
                          {c.text}
                          {lang === 'en' && c.en && (
                            <span class="en-label" lang="en">
                              {c.en}
                            </span>
                          )}
                        </th>
                      ) : (
                        valueCell(c as LCell & { key: string }, j)
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
