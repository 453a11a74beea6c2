import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReportVersion } from './report-version.entity.js';

export const DECISIONS = ['open', 'confirmed', 'dismissed'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A validator or parser finding on one version, with the reviewer's decision. */
@Entity('finding')
@Index('finding_version', ['versionId'])
@Index('finding_open_rule', ['rule'], { where: "decision = 'open'" })
export class Finding {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  versionId: number;

  @ManyToOne(() => ReportVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'versionId' })
  reportVersion?: ReportVersion;

  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cells: string[];

  @Column({ type: 'double precision', nullable: true })
  expected: number | null;

  @Column({ type: 'double precision', nullable: true })
  found: number | null;

  /** Cross-year findings are re-run when the neighbouring year changes. */
  @Column({ type: 'boolean', default: false })
  crossYear: boolean;

  @Column({ type: 'text', default: 'open' })
  decision: Decision;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
