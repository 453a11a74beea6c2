import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Report } from './report.entity.js';

export const VERSION_STATUSES = ['submitted', 'returned', 'accepted', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** An immutable submission: the original bytes, what was read from them, and its review state. */
@Entity('report_version')
@Index('report_version_number', ['reportId', 'version'], { unique: true })
// Not unique: an earlier file sent again after a return is stored again as the newest version.
@Index('report_version_sha', ['reportId', 'sha256'])
export class ReportVersion {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  mediaType: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  /** The original file, byte for byte (loaded only when asked for). */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'text' })
  templateVersion: string;

  /** Canonical report (report-data.md) with `source`; numbers are also in report_figures. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  provenance: Record<string, unknown>;

  /** The organ and year printed in the title, as read. */
  @Column({ type: 'text', nullable: true })
  organ: string | null;

  /** The publication date the report states (成文日期), when it states one. */
  @Column({ type: 'date', nullable: true })
  publishedDate: string | null;

  @Column({ type: 'text', default: 'submitted' })
  status: VersionStatus;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'integer', nullable: true })
  submittedById: number | null;

  @Column({ type: 'text' })
  submittedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** Demo data made up by Gongkai, never a real report. */
  @Column({ type: 'boolean', default: false })
  synthetic: boolean;
}
