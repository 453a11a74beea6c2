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
export const MAX_KEY = 16 * 1024;

/** A kept answer. */
export interface PublishedAnswer {
  /** The data version it was computed under: served only while that is the version known. */
  version: string;
  /**
   * The response as sent, `{"data":…}` in UTF-8: outside the JavaScript heap, where the collector
   * neither marks nor moves it (a province's ranking is ~60 kB, and up to `max` answers are kept),
   * and written as is, without encoding it again for every hit.
   */
  body: Buffer;
  /** Its ETag as Express computes it, once the fast path has served it (published-fast-path.ts). */
  etag?: string;
  /** The operation's name as resolved from the document (for the metrics' label), or null. */
  operation: string | null;
}

/**
 * The key of a question: the document as sent, the operation name as sent, and the variables.
 * The name the client sent, not the one resolved from the document: the HTTP fast path
 * (published-fast-path.ts) has only what was sent, and the three together pick one operation.
 */
export function answerKey(query: string, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string {
  return JSON.stringify([query, operationName ?? null, variables ?? null]);
}

/**
 * The published answers of one API process, least recently used out. The Apollo plugin
 * (publishedResponseCache) is the only writer; the plugin and the HTTP fast path read.
 */
export class PublishedAnswers {
  private readonly entries = new Map<string, PublishedAnswer>();

  constructor(readonly max = 2_000) {}

  /** The answer kept for `key` if it was computed under `version`. */
  get(key: string, version: string): PublishedAnswer | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit); // most recently used last
    return hit;
  }

  set(key: string, answer: PublishedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, answer);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Responses whose text is already made (a hit, or a miss just kept): no second serialisation. */
const serialised = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: compact JSON (Apollo's default indents every answer, which costs
 * time and bytes on large answers and tells a client nothing), and the kept text as is for an
 * answer of this cache.
 *
 * It is the last reader of an HTTP answer, so it lets go of the answer's tree once written.
 * Apollo's gateway interface (ADR 0010) keeps each operation's request context until V8's next
 * full collection (ADR 0012); without this, a province's first-asked ranking (~1,400 rows at the
 * full country) was kept with it, copied to the old generation and collected there.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const data = result.data;
  const kept = data && result.errors === undefined && result.extensions === undefined ? serialised.get(data) : undefined;
  const text = kept ?? JSON.stringify(result);
  if (data) {
    serialised.delete(data);
    if (Object.isExtensible(data)) for (const key of Object.keys(data)) delete data[key];
  }
  return text;
}

/**
 * Whole responses of published-only analytics, per data version: a repeated dashboard question
 * skips execution and serialisation of its rows. The key is the document as sent plus its
 * operation name and variables (answerKey); the entry is valid while the data version (read once
 * per request, see GqlContext) is the one it was computed under. Only used when published data
 * is public, so the answer is the same for every reader — but the caller is authenticated first:
 * a bad token gets its error, never a cached answer. Requests without credentials may be answered
 * from the same entries before Apollo (published-fast-path.ts).
 */
export function publishedResponseCache(options: { enabled: boolean; answers: PublishedAnswers }): ApolloServerPlugin<GqlContext> {
  const { answers } = options;
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
          const key = answerKey(rc.source, rc.request.operationName, rc.request.variables);
          if (key.length > MAX_KEY) return null; // dashboards ask short questions; huge ones are not kept
          const version = await rc.contextValue.dataVersion();
          const hit = answers.get(key, version);
          if (hit) {
            // The data stands for the kept text: stringifyResult writes the text, nothing reads the object.
            const data = Object.freeze({});
            serialised.set(data, hit.body.toString());
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
          const text = `{"data":${JSON.stringify(body.singleResult.data)}}`;
          serialised.set(body.singleResult.data, text);
          answers.set(p.key, { version: p.version, body: Buffer.from(text), operation: rc.operationName ?? null });
        },
      };
    },
  };
}
