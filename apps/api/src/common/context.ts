import type { Request } from 'express';
import type { Actor } from '../modules/auth/actor.js';
import type { Loaders } from './loaders.js';

/** Per-request GraphQL context. The actor is resolved once, on first use. */
export interface GqlContext {
  req: Request;
  actor(): Promise<Actor>;
  loaders: Loaders;
  /** Set by a resolver that answered with unpublished numbers: the response is never cached. */
  servedUnpublished?: boolean;
}
