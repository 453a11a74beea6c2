import {
  APPLICANT_COLUMNS,
  APPLICANTS_HEADING,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  APPLICATIONS_HEADER_RULE,
  type CanonicalReport,
  type Cell,
  type CellPath,
  getCell,
  LITIGATION_HEADING,
  ORGANISATIONS_HEADING,
  PROACTIVE_ITEM_HEADING,
  proactiveItems,
  proactivePath,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  reportTitle,
  type SectionKey,
  sectionHeading,
} from '@gongkai/report-template';

export interface LCell {
  text: string;
  rowspan?: number;
  colspan?: number;
  /** A number cell (the rest are labels). */
  value?: boolean;
  /** The canonical key of a number cell, so viewers can show its source and findings. */
  key?: string;
  /** The template's English for a label cell, where it has one (viewers in English show it beside the document's words). */
  en?: string;
}
export type LRow = LCell[];
export type Block = { kind: 'title'; text: string } | { kind: 'heading'; text: string } | { kind: 'para'; text: string } | { kind: 'table'; rows: LRow[] };

export function fmtCell(v: Cell): string {
  return v === null ? '' : String(v);
}

const val = (r: CanonicalReport, path: CellPath, colspan?: number): LCell => ({
  text: fmtCell(getCell(r, path)),
  value: true,
  key: path,
  ...(colspan ? { colspan } : {}),
});

/** The report laid out as the national template prints it: headings, prose, merged-cell tables. */
export interface LayoutOptions {
  /** Print a signature and this issue date (YYYY-MM-DD) at the end, as reports do. */
  publishedDate?: string | null;
}

export function layout(r: CanonicalReport, options: LayoutOptions = {}): Block[] {
  const blocks: Block[] = [{ kind: 'title', text: reportTitle(r.organ, r.year) }];
  const heading = (key: SectionKey) => blocks.push({ kind: 'heading', text: sectionHeading(key) });
  const prose = (t: string | null) => {
    for (const p of (t ?? '').split('\n')) if (p.trim()) blocks.push({ kind: 'para', text: p });
  };
  heading('overview');
  prose(r.text.overview);
  heading('proactive');
  blocks.push({ kind: 'table', rows: proactiveTable(r) });
  heading('applications');
  blocks.push({ kind: 'table', rows: applicationsTable(r) });
  heading('reviews');
  blocks.push({ kind: 'table', rows: reviewsTable(r) });
  heading('problems');
  prose(r.text.problems);
  heading('other');
  prose(r.text.other);
  if (options.publishedDate) {
    const [y, m, d] = options.publishedDate.split('-').map(Number);
    blocks.push({ kind: 'para', text: r.organ ?? '' }, { kind: 'para', text: `${y}年${m}月${d}日` });
  }
  return blocks;
}

function proactiveTable(r: CanonicalReport): LRow[] {
  const rows: LRow[] = [];
  let article = '';
  const items = proactiveItems(r.templateVersion);
  for (const item of items) {
    const width = 4;
    if (item.article !== article) {
      article = item.article;
      rows.push([{ text: item.article, colspan: width }]);
      const cols = item.columns;
      rows.push([
        { text: PROACTIVE_ITEM_HEADING },
        ...cols.map((c, i) => ({ text: c.label, en: c.en, ...(i === cols.length - 1 && cols.length < 3 ? { colspan: 4 - cols.length } : {}) })),
      ]);
    }
    const n = item.columns.length;
    rows.push([{ text: item.label, en: item.en }, ...item.columns.map((c, i) => val(r, proactivePath(item, c), i === n - 1 && n < 3 ? 4 - n : undefined))]);
  }
  return rows;
}

function applicationsTable(r: CanonicalReport): LRow[] {
  // Organisations are the columns printed under the 法人或其他组织 heading.
  const [person, total] = [APPLICANT_COLUMNS[0], APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1]] as const;
  const parts = APPLICANT_COLUMNS.filter((c) => c.label.startsWith(`${ORGANISATIONS_HEADING}—`));
  const rows: LRow[] = [
    [
      { text: APPLICATIONS_HEADER_RULE, rowspan: 3, colspan: 3 },
      { text: APPLICANTS_HEADING, colspan: APPLICANT_COLUMNS.length },
    ],
    [
      { text: person?.label ?? '', rowspan: 2 },
      { text: ORGANISATIONS_HEADING, colspan: parts.length },
      { text: total?.label ?? '', rowspan: 2 },
    ],
    parts.map((c) => ({ text: c.short, en: c.en })),
  ];
  const sevenOf = (key: (typeof APPLICATION_ROWS)[number]['key']) => APPLICANT_COLUMNS.map((c) => val(r, `applications.${key}.${c.key}`));
  const hasParts = r.templateVersion === '2021';
  const shown = APPLICATION_ROWS.filter((d) => (d.key === 'otherHandling.total' ? !hasParts : d.versions.includes(r.templateVersion)));
  const outcomeRows = shown.filter((d) => d.role === 'outcome' || d.role === 'outcomeTotal' || d.role === 'processedTotal');
  const groupSize = (g: string) => shown.filter((d) => d.group === g).length;
  let lastGroup: string | undefined;
  let first = true;
  for (const d of shown) {
    const label: LCell[] = [];
    if (d.role === 'intake' || d.role === 'carriedForward') label.push({ text: d.label, en: d.en, colspan: 3 });
    else {
      if (first) {
        label.push({ text: APPLICATION_GROUPS[0].label, rowspan: outcomeRows.length });
        first = false;
      }
      if (d.group && d.group !== lastGroup) label.push({ text: d.group, rowspan: groupSize(d.group) });
      if (d.group) label.push({ text: d.label, en: d.en });
      else label.push({ text: d.label, en: d.en, colspan: 2 });
    }
    lastGroup = d.group;
    rows.push([...label, ...sevenOf(d.key)]);
  }
  return rows;
}

function reviewsTable(r: CanonicalReport): LRow[] {
  const five = () => REVIEW_COLUMNS.map((c) => ({ text: c.label, en: c.en }));
  const width = REVIEW_COLUMNS.length;
  const [reconsideration, ...litigation] = REVIEW_GROUPS;
  return [
    [
      { text: reconsideration?.label ?? '', colspan: width },
      { text: LITIGATION_HEADING, colspan: width * litigation.length },
    ],
    [...REVIEW_COLUMNS.map((c) => ({ text: c.label, en: c.en, rowspan: 2 })), ...litigation.map((g) => ({ text: g.short, colspan: width }))],
    [...five(), ...five()],
    REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => val(r, `reviews.${g.key}.${c.key}`))),
  ];
}
