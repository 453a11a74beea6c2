import { type CellPath, cellPaths } from '@gongkai/report-template';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReportVersion } from './report-version.entity.js';

/**
 * One row of numbers per report version, one column per template cell. The columns are made from
 * the template definition below, never typed by hand. See docs/adr/0001-figures-storage.md.
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

@Entity('report_figures')
@Index('report_figures_unit_year', ['jurisdictionId', 'year'])
export class ReportFigures {
  @PrimaryColumn({ type: 'integer' })
  versionId: number;

  @ManyToOne(() => ReportVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'versionId' })
  version?: ReportVersion;

  @Column({ type: 'integer' })
  jurisdictionId: number;

  @Column({ type: 'integer' })
  year: number;

  [column: string]: unknown;
}

// Decorators are functions: one column per template cell, declared from the template.
for (const path of FIGURE_PATHS) {
  const column = FIGURE_COLUMNS[path] as string;
  Column({ name: column, type: isDecimalFigure(path) ? 'numeric' : 'integer', nullable: true })(ReportFigures.prototype, column);
}
