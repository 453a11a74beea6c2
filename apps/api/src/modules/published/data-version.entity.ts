import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose counter goes up in every transaction that publishes. Readers compare it with the
 * counter their cached aggregates were computed at; because it commits with the data, a new
 * counter is never visible before the numbers it stands for.
 */
@Entity('data_version')
export class DataVersion {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  published: string;
}
