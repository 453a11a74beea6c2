import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FIGURE_COLUMNS, FIGURE_PATHS } from './figure-columns.js';

/** Scope 0 stands for everything (the whole country). */
export const ALL_SCOPE = 0;

/**
 * Published figures summed per (ancestor scope, year, kind of unit), kept in step at every
 * publication, so a county, province or the country is a handful of rows, not a scan.
 * Columns mirror report_figures, from the template. See docs/adr/0002-rollups.md.
 */
@Entity('figures_rollup')
export class FiguresRollup {
  @PrimaryColumn({ type: 'integer' })
  scopeId: number;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'integer', default: 0 })
  reports: number;

  [column: string]: unknown;
}

for (const path of FIGURE_PATHS) {
  const column = FIGURE_COLUMNS[path] as string;
  Column({ name: column, type: 'double precision', default: 0 })(FiguresRollup.prototype, column);
}
