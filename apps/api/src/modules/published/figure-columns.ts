import { type CellPath, cellPaths } from '@gongkai/report-template';

/**
 * The figure columns, one per template cell of either template version, made from the template
 * definition, never typed by hand: report_figures and figures_rollup share them. See
 * docs/adr/0001-figures-storage.md.
 */
export const FIGURE_PATHS: readonly CellPath[] = [...new Set([...cellPaths('2021'), ...cellPaths('2019')])];

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9]+/g, '_');
const PREFIX: Record<string, string> = { proactive: 'p', applications: 'a', reviews: 'r' };

/** `applications.denied.stateSecret.naturalPerson` → `a_denied_state_secret_natural_person`. */
export function figureColumn(path: string): string {
  const [section, ...rest] = path.split('.');
  const name = `${PREFIX[section as string] ?? 'x'}_${rest.map(snake).join('_')}`;
  if (name.length > 63) throw new Error(`figure column too long for PostgreSQL: ${name}`);
  return name;
}

export const FIGURE_COLUMNS: Readonly<Record<string, string>> = Object.fromEntries(FIGURE_PATHS.map((p) => [p, figureColumn(p)]));
export const isDecimalFigure = (path: string) => path === 'proactive.feesWan' || path.endsWith('.amountWan');
