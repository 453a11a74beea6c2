import type { TypedDocumentString } from './gql/graphql.js';

/** An error as the API's boundary reports it: a stable code and a message for people. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The finer cause some codes carry (UNREADABLE_REPORT: input.imagesOnly, input.binary, …). */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'gongkai.token';

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Runs a generated document; the result is typed by the operation. */
export async function request<R, V>(doc: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  return (await requestRaw(doc.toString(), variables as Record<string, unknown>, signal)) as R;
}

/**
 * How long a question may go unanswered before the person is told and offered a retry, instead of
 * a view that says "Loading…" for ever. Changes (mutations: uploads, publishing) are not cut off.
 */
export const QUERY_TIMEOUT_MS = 60_000;

/** The caller's signal, plus a deadline for questions. */
function withDeadline(query: string, signal?: AbortSignal): { signal?: AbortSignal; timedOut: () => boolean; clear: () => void } {
  if (/^\s*mutation\b/.test(query)) return { ...(signal ? { signal } : {}), timedOut: () => false, clear: () => {} };
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, QUERY_TIMEOUT_MS);
  const follow = () => ctl.abort();
  signal?.addEventListener('abort', follow, { once: true });
  if (signal?.aborted) ctl.abort();
  return {
    signal: ctl.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', follow);
    },
  };
}

/** Any query text (the analysts' editor); throws ApiError with the first error's code. */
export async function requestRaw(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<unknown> {
  const deadline = withDeadline(query, signal);
  const failed = (e: unknown, code: string) => {
    if (deadline.timedOut()) return new ApiError('TIMEOUT', `no answer in ${QUERY_TIMEOUT_MS / 1000} s`);
    if ((e as Error).name === 'AbortError') return e;
    return new ApiError(code, (e as Error).message);
  };
  let res: Response;
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[]; code?: string; message?: string };
  try {
    try {
      res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ query, variables }),
        ...(deadline.signal ? { signal: deadline.signal } : {}),
      });
    } catch (e) {
      throw failed(e, 'NETWORK');
    }
    try {
      body = await res.json();
    } catch (e) {
      const err = failed(e, `HTTP_${res.status}`);
      throw err instanceof ApiError && err.code.startsWith('HTTP_') ? new ApiError(err.code, res.statusText || 'no response body') : err;
    }
  } finally {
    deadline.clear();
  }
  const first = body.errors?.[0];
  if (first) {
    if (first.extensions?.code === 'UNAUTHENTICATED') setToken(null);
    throw new ApiError(first.extensions?.code ?? 'ERROR', first.message, typeof first.extensions?.reason === 'string' ? first.extensions.reason : null);
  }
  // Refused before GraphQL ran (e.g. a body over the size limit): the HTTP boundary's {code, message}.
  if (!res.ok || body.data === undefined) throw new ApiError(body.code ?? `HTTP_${res.status}`, body.message ?? (res.statusText || 'no data'));
  return body.data;
}
