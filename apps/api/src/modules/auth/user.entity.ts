import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { type Role } from '../../common/access/actor.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('app_user_username', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text' })
  displayName: string;

  /** scrypt, with its parameters and salt: `scrypt$N$r$p$salt$hash`. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  /** Admins: their county. Clerks: their own unit. Viewers and analysts: none. */
  @Column({ type: 'integer', nullable: true })
  jurisdictionId: number | null;

  @ManyToOne(() => Jurisdiction, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'jurisdictionId' })
  jurisdiction?: Jurisdiction | null;

  /** Session tokens carry the epoch they were issued in; bumping it revokes them all. */
  @Column({ type: 'integer', default: 0 })
  tokenEpoch: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
