import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

/** Root fields whose answers depend only on published data and the unit tree (see ADR 0004). */
const PUBLISHED_FIELDS = new Set(['metrics', 'ranking', 'yoy', 'metricDefinitions', 'metricsVersion', '__typename']);

/** True when every root field of the operation reads published data only. */
export function isPublishedOnly(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean {
  if (operation.operation !== 'query') return false;
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || !PUBLISHED_FIELDS.has(sel.name.value)) return false;
    for (const arg of sel.arguments ?? []) {
      if (arg.name.value !== 'includeUnpublished') continue;
      const v = arg.value;
      if (v.kind === Kind.BOOLEAN && !v.value) continue;
      if (v.kind === Kind.VARIABLE && !variables?.[v.name.value]) continue;
      return false;
    }
  }
  return true;
}

/** Longest document + variables kept (bounds the cache's memory with `max`). */
const MAX_KEY = 16 * 1024;

interface Entry {
  version: string;
  data: Record<string, unknown>;
}

/**
 * Whole responses of published-only analytics, per data version: a repeated dashboard question
 * skips execution and serialisation of its rows. The key is the document as sent plus its
 * variables; the entry is valid while the data version is the one it was computed under. Only
 * used when published data is public, so the answer is the same for every reader.
 */
export function publishedResponseCache(options: { enabled: boolean; dataVersion: () => Promise<string>; max?: number }): ApolloServerPlugin {
  const max = options.max ?? 2_000;
  const entries = new Map<string, Entry>();
  const pending = new WeakMap<object, { key: string; version: string }>();
  return {
    async requestDidStart() {
      if (!options.enabled) return;
      return {
        async responseForOperation(rc) {
          if (!rc.operation || !rc.source || !isPublishedOnly(rc.operation, rc.request.variables)) return null;
          const key = JSON.stringify([rc.source, rc.operationName ?? null, rc.request.variables ?? null]);
          if (key.length > MAX_KEY) return null; // dashboards ask short questions; huge ones are not kept
          const version = await options.dataVersion();
          const hit = entries.get(key);
          if (hit && hit.version === version) {
            entries.delete(key);
            entries.set(key, hit); // most recently used last
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } };
          }
          pending.set(rc, { key, version });
          return null;
        },
        async willSendResponse(rc) {
          const p = pending.get(rc);
          const body = rc.response.body;
          if (!p || body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          entries.set(p.key, { version: p.version, data: body.singleResult.data });
          if (entries.size > max) entries.delete(entries.keys().next().value as string);
        },
      };
    },
  };
}
