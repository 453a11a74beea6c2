import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';

/** Resident population of a unit in a year, for per-10,000-residents metrics. */
@Entity('unit_population')
export class UnitPopulation {
  @PrimaryColumn({ type: 'integer' })
  jurisdictionId: number;

  @ManyToOne(() => Jurisdiction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'jurisdictionId' })
  jurisdiction?: Jurisdiction;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  population: number;

  @Column({ type: 'text', nullable: true })
  source: string | null;
}
