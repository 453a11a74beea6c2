import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FIGURE_COLUMNS, FIGURE_PATHS, isDecimalFigure } from '../published/figure-columns.js';
import { ReportVersion } from './report-version.entity.js';

// The reports' writers name the columns through this file, as before the columns moved.
export { FIGURE_COLUMNS, FIGURE_PATHS };

/**
 * One row of numbers per report version, one column per template cell (the columns come from
 * published/figure-columns.ts, made from the template). See docs/adr/0001-figures-storage.md.
 */
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
