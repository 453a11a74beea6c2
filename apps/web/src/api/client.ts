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

/** Any query text (the analysts' editor); throws ApiError with the first error's code. */
export async function requestRaw(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', (e as Error).message);
  }
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[]; code?: string; message?: string };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`HTTP_${res.status}`, res.statusText || 'no response body');
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
