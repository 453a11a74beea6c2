import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AuditEntry } from './audit.entity.js';

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records a change; pass the transaction's manager so the entry commits with the change. */
  async record(manager: EntityManager | null, actor: Actor, action: string, entity: string, entityId: string | number, details: Record<string, unknown> = {}) {
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    await repo.insert({ actorId: actor.id, actor: actor.username, action, entity, entityId: String(entityId), details: details as never });
  }

  async trail(entity: string, entityIds: string[], first: number, offset: number): Promise<[AuditEntry[], number]> {
    return this.entries
      .createQueryBuilder('a')
      .where('a.entity = :entity AND a.entityId IN (:...ids)', { entity, ids: entityIds.length ? entityIds : ['-'] })
      .orderBy('a.id', 'DESC')
      .skip(offset)
      .take(first)
      .getManyAndCount();
  }
}
