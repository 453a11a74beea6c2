import type { Request } from 'express';
import type { Actor } from './access/actor.js';
import type { Loaders } from './loaders.js';

/** Per-request GraphQL context. The actor is resolved once, on first use. */
export interface GqlContext {
  req: Request;
  actor(): Promise<Actor>;
  loaders: Loaders;
  /**
   * The published-data version as of this request's arrival, read once: the response cache and
   * the analytics cache share it, so a question asked for the first time reads it once, not twice.
   */
  dataVersion(): Promise<string>;
  /** Set by a resolver that answered with unpublished numbers: the response is never cached. */
  servedUnpublished?: boolean;
}
