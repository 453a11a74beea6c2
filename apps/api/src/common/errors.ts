import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable error codes: clients branch on these, people read the message. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'UNREADABLE_REPORT'
  | 'WRONG_YEAR'
  | 'WRONG_UNIT'
  | 'TOO_LARGE'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'TOO_COMPLEX'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_INPUT: 400,
  UNREADABLE_REPORT: 422,
  WRONG_YEAR: 422,
  WRONG_UNIT: 422,
  TOO_LARGE: 413,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  TOO_COMPLEX: 400,
  INTERNAL: 500,
};

/**
 * The one boundary from errors to GraphQL: coded errors keep their code and message; anything
 * else is logged and reported as INTERNAL without leaking internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  // Apollo re-codes validation errors; the depth rule's are limits, not typos.
  if (formatted.extensions?.maxDepth !== undefined) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'TOO_COMPLEX', depth: formatted.extensions.depth, maxDepth: formatted.extensions.maxDepth },
    };
  }
  // graphql-js validation and parse errors are the caller's: keep them.
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT' || code === 'BAD_REQUEST') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_INPUT' } };
  }
  if (code === 'TOO_COMPLEX') return formatted;
  // A GraphQLError that wraps no exception comes from graphql-js itself (variable coercion,
  // unknown enum values): the request was wrong, not the server.
  if (original instanceof GraphQLError) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_INPUT' } };
  }
  log(original);
  return { message: 'Internal error; it has been logged', path: formatted.path, extensions: { code: 'INTERNAL' } };
}
