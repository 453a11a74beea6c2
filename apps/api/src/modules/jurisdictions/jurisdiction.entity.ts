import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const JURISDICTION_KINDS = ['province', 'city', 'county', 'township', 'town', 'street', 'department', 'government'] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

/** A province, city, county, township-level unit, county department or a county government. */
@Entity('jurisdiction')
@Index('jurisdiction_parent_name', ['parentId', 'name', 'validFrom'], { unique: true })
export class Jurisdiction {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' })
  name: string;

  /** 行政区划代码 where known (unique when present). */
  @Index('jurisdiction_code', { unique: true, where: 'code IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'text' })
  kind: JurisdictionKind;

  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parentId' })
  parent?: Jurisdiction | null;

  /** Ancestor ids and own id, dot-separated (`1.5.23`): a subtree is a prefix match. */
  @Index('jurisdiction_path')
  @Column({ type: 'text', default: '', collation: 'C' })
  path: string;

  @Column({ type: 'integer', nullable: true })
  validFrom: number | null;

  @Column({ type: 'integer', nullable: true })
  validTo: number | null;

  /** The unit this one continues (renamed or merged), so its history stays with it. */
  @Column({ type: 'integer', nullable: true })
  predecessorId: number | null;

  @ManyToOne(() => Jurisdiction, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'predecessorId' })
  predecessor?: Jurisdiction | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
