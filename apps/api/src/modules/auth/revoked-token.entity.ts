import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity.js';

/** Session tokens logged out before they expired; a row is useless (and pruned) after `expiresAt`. */
@Entity('revoked_token')
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 43 })
  jti: string;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Index('revoked_token_expires')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
