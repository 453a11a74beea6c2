import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';

/** One body's report for one year. Its versions are immutable; this row points at two of them. */
@Entity('report')
@Index('report_unit_year', ['jurisdictionId', 'year'], { unique: true })
@Index('report_year', ['year'])
export class Report {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  jurisdictionId: number;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdictionId' })
  jurisdiction?: Jurisdiction;

  @Column({ type: 'integer' })
  year: number;

  /** The newest version: what reviewers work on. */
  @Column({ type: 'integer', nullable: true })
  currentVersionId: number | null;

  /** The newest published version: the only source of published numbers. */
  @Column({ type: 'integer', nullable: true })
  publishedVersionId: number | null;

  @Column({ type: 'integer', default: 0 })
  versionCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
