import { AppError } from '../errors.js';
import { type Actor, within } from './actor.js';

/**
 * Who may do what, in one place:
 * - admin: everything within their county;
 * - clerk: submit for, and read the drafts of, their own unit;
 * - viewer / analyst: read published data (analysts also get API tokens);
 * - anyone: read published data, unless PUBLIC_READ is off.
 */
export const policy = {
  canReadPublished(actor: Actor, publicRead: boolean): boolean {
    return publicRead || actor.role !== 'anonymous';
  },
  canReadUnpublished(actor: Actor, unit: { id: number; path: string }): boolean {
    if (actor.role === 'admin') return within(unit.path, actor.jurisdictionPath);
    if (actor.role === 'clerk') return actor.jurisdictionId === unit.id;
    return false;
  },
  canSubmit(actor: Actor, unit: { id: number; path: string }): boolean {
    return policy.canReadUnpublished(actor, unit);
  },
  canReview(actor: Actor, unit: { path: string }): boolean {
    return actor.role === 'admin' && within(unit.path, actor.jurisdictionPath);
  },
  canManageUnits(actor: Actor, parent: { path: string } | null): boolean {
    return actor.role === 'admin' && parent !== null && within(parent.path, actor.jurisdictionPath);
  },
};

export function requireLogin(actor: Actor): void {
  if (actor.role === 'anonymous') throw new AppError('UNAUTHENTICATED', '请先登录 (log in first)');
}

/** Published data is for anyone unless PUBLIC_READ is off; then for the signed in. */
export function requireReadPublished(actor: Actor, publicRead: boolean): void {
  if (!policy.canReadPublished(actor, publicRead)) throw new AppError('UNAUTHENTICATED', '请先登录后查看 (log in to read)');
}

export function deny(what: string): never {
  throw new AppError('FORBIDDEN', `无权${what} (not allowed)`);
}
