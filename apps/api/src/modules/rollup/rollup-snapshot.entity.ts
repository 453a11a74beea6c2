import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A compiled roll-up as it stood at one data version: its totals and which unit versions went
 * into it, so a later compile can say what changed since. A frozen copy (an office's published
 * roll-up) also keeps the .docx bytes it handed out; rows are only ever added.
 */
@Entity('rollup_snapshot')
@Index('rollup_snapshot_key', ['scopeId', 'year', 'includeOwnOffice', 'dataVersion'])
export class RollupSnapshot {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  scopeId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'boolean' })
  includeOwnOffice: boolean;

  @Column({ type: 'bigint' })
  dataVersion: string;

  /** Canonical cell key → summed value. */
  @Column({ type: 'jsonb' })
  totals: Record<string, number>;

  /** Included unit id → its published version id. */
  @Column({ type: 'jsonb' })
  units: Record<string, number>;

  @Column({ type: 'boolean', default: false })
  frozen: boolean;

  @Column({ type: 'bytea', nullable: true, select: false })
  docx: Buffer | null;

  @Column({ type: 'integer', nullable: true })
  frozenById: number | null;

  @Column({ type: 'text', nullable: true })
  frozenBy: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
