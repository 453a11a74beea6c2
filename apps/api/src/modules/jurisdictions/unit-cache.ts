import { Injectable } from '@nestjs/common';
import type { Jurisdiction } from './jurisdiction.entity.js';

/**
 * Units by id, kept in the process. A unit never changes once its creating transaction commits
 * (renames and merges make new units), so a row read from the database stays right.
 */
@Injectable()
export class UnitCache {
  private readonly units = new Map<number, Jurisdiction>();
  private static readonly MAX = 200_000;

  get(id: number): Jurisdiction | undefined {
    return this.units.get(id);
  }

  put(unit: Jurisdiction): void {
    if (this.units.size >= UnitCache.MAX) this.units.delete(this.units.keys().next().value as number);
    this.units.set(unit.id, unit);
  }
}
