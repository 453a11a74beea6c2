import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type FormattedExecutionResult, type GraphQLSchema, getArgumentValues, getVariableValues, Kind, type OperationDefinitionNode } from 'graphql';
import type { GqlContext } from '../../common/context.js';

/** Root fields whose answers depend only on published data and the unit tree (see ADR 0004). */
const PUBLISHED_FIELDS = new Set(['metrics', 'ranking', 'yoy', 'metricDefinitions', 'metricsVersion', '__typename']);

/** Whether an argument value asks for unpublished data anywhere inside it. */
function asksUnpublished(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(asksUnpublished);
  if (value === null || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) if ((k === 'includeUnpublished' && v !== false && v != null) || asksUnpublished(v)) return true;
  return false;
}

/**
 * True when every root field of the operation reads published data only, judged on the arguments
 * as the server will execute them: variables coerced with their defaults (`query($u: Boolean =
 * true)` sent without variables asks for unpublished data). Anything that does not coerce is not
 * cacheable; execution will report it.
 */
export function isPublishedOnly(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean {
  if (operation.operation !== 'query') return false;
  const query = schema.getQueryType();
  if (!query) return false;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return false;
  const fields = query.getFields();
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || !PUBLISHED_FIELDS.has(sel.name.value)) return false;
    if (sel.name.value === '__typename') continue;
    const def = fields[sel.name.value];
    if (!def) return false;
    try {
      if (asksUnpublished(getArgumentValues(def, sel, coerced.coerced))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Longest document + variables kept (bounds the cache's memory with `max`). */
const MAX_KEY = 16 * 1024;

interface Entry {
  version: string;
  /** The answer's `data` as JSON text: flat strings cost the garbage collector next to nothing to keep. */
  json: string;
}

/** Answers whose `data` is already JSON text (a hit, or a miss just kept): no second serialisation. */
const serialised = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: compact JSON (Apollo's default indents every answer, which costs
 * time and bytes on large answers and tells a client nothing), and the kept text as is for an
 * answer of this cache.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const json = result.data && result.errors === undefined && result.extensions === undefined ? serialised.get(result.data) : undefined;
  return json === undefined ? JSON.stringify(result) : `{"data":${json}}`;
}

/**
 * Whole responses of published-only analytics, per data version: a repeated dashboard question
 * skips execution and serialisation of its rows. The key is the document as sent plus its
 * variables; the entry is valid while the data version (read once per request, see GqlContext)
 * is the one it was computed under. Only used when published data is public, so the answer is
 * the same for every reader — but the caller is authenticated first: a bad token gets its error,
 * never a cached answer.
 */
export function publishedResponseCache(options: { enabled: boolean; max?: number }): ApolloServerPlugin<GqlContext> {
  const max = options.max ?? 2_000;
  const entries = new Map<string, Entry>();
  const pending = new WeakMap<object, { key: string; version: string }>();
  return {
    async requestDidStart() {
      if (!options.enabled) return;
      return {
        async responseForOperation(rc) {
          if (!rc.operation || !rc.source) return null;
          try {
            await rc.contextValue.actor();
          } catch {
            return null; // execution answers with the authentication error
          }
          if (!isPublishedOnly(rc.schema, rc.operation, rc.request.variables)) return null;
          const key = JSON.stringify([rc.source, rc.operationName ?? null, rc.request.variables ?? null]);
          if (key.length > MAX_KEY) return null; // dashboards ask short questions; huge ones are not kept
          const version = await rc.contextValue.dataVersion();
          const hit = entries.get(key);
          if (hit && hit.version === version) {
            entries.delete(key);
            entries.set(key, hit); // most recently used last
            // The data stands for the kept text: stringifyResult writes the text, nothing reads the object.
            const data = Object.freeze({});
            serialised.set(data, hit.json);
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
          }
          pending.set(rc, { key, version });
          return null;
        },
        async willSendResponse(rc) {
          const p = pending.get(rc);
          const body = rc.response.body;
          if (!p || body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          // Belt and braces: a resolver that served unpublished numbers marks the request.
          if (rc.contextValue.servedUnpublished) return;
          const json = JSON.stringify(body.singleResult.data);
          serialised.set(body.singleResult.data, json);
          entries.set(p.key, { version: p.version, json });
          if (entries.size > max) entries.delete(entries.keys().next().value as string);
        },
      };
    },
  };
}
