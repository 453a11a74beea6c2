import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { AuditEntry } from './audit.entity.js';

@Injectable()
export class AuditService {
  private readonly log = new Logger('Audit');

  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records a change; pass the transaction's manager so the entry commits with the change. */
  async record(manager: EntityManager | null, actor: Actor, action: string, entity: string, entityId: string | number, details: Record<string, unknown> = {}) {
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    await repo.insert({ actorId: actor.id, actor: actor.username, action, entity, entityId: String(entityId), details: details as never });
  }

  /**
   * A refused attempt — who tried what, on which entity, and why it was refused — as
   * `<action>.refused`. Recorded on its own (the attempt's transaction, if any, rolled back);
   * never throws, so recording cannot change the answer. Anonymous callers that were only told
   * to log in are not recorded (that is every unauthenticated probe).
   */
  async refused(
    actor: Actor,
    action: string,
    entity: string,
    entityId: string | number,
    error: { code: string; message: string },
    details: Record<string, unknown> = {},
  ) {
    if (actor.role === 'anonymous' && error.code === 'UNAUTHENTICATED') return;
    try {
      await this.entries.insert({
        actorId: actor.id,
        actor: actor.username,
        action: `${action}.refused`,
        entity,
        entityId: String(entityId),
        details: { code: error.code, reason: error.message.slice(0, 500), ...details } as never,
      });
    } catch (e) {
      this.log.warn(`could not record a refused ${action}: ${(e as Error).message}`);
    }
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
