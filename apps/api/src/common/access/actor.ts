/** Roles, most powerful first; users have one (the app_user.role column). */
export const ROLES = ['admin', 'clerk', 'viewer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. Anonymous callers have no id. */
export interface Actor {
  id: number | null;
  username: string;
  role: Role | 'anonymous';
  /** The unit a clerk belongs to, or the county an admin runs. */
  jurisdictionId: number | null;
  /** That unit's path (`1.5.23`), for subtree checks. */
  jurisdictionPath: string | null;
}

export const ANONYMOUS: Actor = { id: null, username: 'anonymous', role: 'anonymous', jurisdictionId: null, jurisdictionPath: null };

/** Whether `unitPath` lies within `scopePath` (or is it). */
export function within(unitPath: string, scopePath: string | null): boolean {
  return scopePath !== null && (unitPath === scopePath || unitPath.startsWith(`${scopePath}.`));
}
