import { basename } from 'node:path';
import { extensionForContentType } from '@gongkai/report-template';
import type { Job } from './ingest.js';

export interface FetchOptions {
  timeoutMs: number;
  retries: number;
  /** Pause between two requests to the same host. */
  delayMs: number;
  maxBytes: number;
}

/** The list of addresses: one per line, `#` comments, http(s) only. */
export function parseUrlList(text: string): { urls: string[]; bad: string[] } {
  const urls: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    try {
      const u = new URL(line);
      if (u.protocol === 'http:' || u.protocol === 'https:') urls.push(u.toString());
      else bad.push(line);
    } catch {
      bad.push(line);
    }
  }
  return { urls, bad };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`HTTP ${status}`);
  }
}

const lastHit = new Map<string, number>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One address as a job: polite to its host, with timeouts and retries with backoff. */
export function urlJob(url: string, o: FetchOptions): Job {
  return {
    source: url,
    async load() {
      const host = new URL(url).host;
      let attempt = 0;
      for (;;) {
        const wait = (lastHit.get(host) ?? 0) + o.delayMs - Date.now();
        lastHit.set(host, Date.now() + Math.max(0, wait));
        if (wait > 0) await sleep(wait);
        try {
          const res = await fetch(url, {
            signal: AbortSignal.timeout(o.timeoutMs),
            redirect: 'follow',
            headers: { 'user-agent': 'Gongkai report collector (+https://github.com/)', accept: 'text/html,application/pdf,*/*' },
          });
          if (res.status === 429 || res.status >= 500) throw new HttpError(res.status, 'FETCH_RETRYABLE');
          if (!res.ok) throw new HttpError(res.status, 'FETCH_FAILED');
          const length = Number(res.headers.get('content-length') ?? 0);
          if (length > o.maxBytes) throw Object.assign(new Error(`too large: ${length} bytes`), { code: 'TOO_LARGE' });
          const bytes = new Uint8Array(await res.arrayBuffer());
          if (bytes.length > o.maxBytes) throw Object.assign(new Error(`too large: ${bytes.length} bytes`), { code: 'TOO_LARGE' });
          return { fileName: fileNameFor(res.url || url, res.headers.get('content-type') ?? ''), bytes };
        } catch (e) {
          const retryable = !(e instanceof HttpError) || e.code === 'FETCH_RETRYABLE';
          const tooLarge = (e as { code?: string }).code === 'TOO_LARGE';
          if (!retryable || tooLarge || attempt >= o.retries) {
            const reason =
              e instanceof HttpError
                ? `HTTP ${e.status}`
                : (e as Error).name === 'TimeoutError'
                  ? `no answer within ${o.timeoutMs} ms`
                  : String((e as Error).message);
            throw Object.assign(new Error(`${reason} after ${attempt + 1} attempt(s)`), { code: tooLarge ? 'TOO_LARGE' : 'FETCH_FAILED' });
          }
          await sleep(500 * 2 ** attempt);
          attempt++;
        }
      }
    },
  };
}

function fileNameFor(url: string, contentType: string): string {
  const name = decodeURIComponent(basename(new URL(url).pathname)) || 'index';
  if (/\.[a-z0-9]{2,8}$/i.test(name)) return name;
  return `${name}${extensionForContentType(contentType)}`;
}
