import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parseType,
  TypeInfo,
  type VariableDefinitionNode,
  type VariableNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** A compiled operation, and the string literals it takes as variables beside the caller's. */
interface Compiled {
  query: CompiledQuery;
  literals: Record<string, string> | null;
}

/** What became of a document's operation: asked n times so far, compiled, or not compilable. */
type Plan = number | Compiled | false;

export type CompileEvent = 'compiled' | 'failed' | 'literal';

/**
 * Runs queries, from code compiled for their document once it has been asked `compileAfter` times
 * (graphql-jit; 0: never). graphql-js builds an argument dictionary, a resolve-info object and a
 * path entry for every field of every row: a province's 1,400-row ranking allocated ~5 MB per
 * answer there, and its collector's work fell on the requests after it (ADR 0010). Compiled, the
 * same answer allocates ~0.4 MB. A document asked once (an analyst's one-off query) is not worth
 * compiling, so it runs in graphql-js, as do mutations, whose order and rarity gain nothing.
 *
 * No string literal of the query is compiled into code: see `literalsAsVariables`.
 *
 * Plans hang off the parsed document, which Apollo's document store keeps per query text, so they
 * go when the store lets the document go.
 */
export class QueryRunner {
  private readonly plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  constructor(
    readonly schema: () => GraphQLSchema,
    private readonly compileAfter: number,
    private readonly onCompile: (event: CompileEvent) => void = () => {},
  ) {}

  run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | null,
    variables: Record<string, unknown> | undefined,
    context: unknown,
  ): Promise<ExecutionResult> | ExecutionResult {
    const compiled = operation.operation === 'query' ? this.compiled(document, operation, operationName) : null;
    if (compiled) {
      const values = compiled.literals ? { ...variables, ...compiled.literals } : (variables ?? {});
      const result = compiled.query.query(undefined, context, values);
      if (result instanceof Promise) return result.then(withGraphQLErrors);
      // An answer without `data`, at once: graphql-jit refused the variables before running
      // anything. graphql-js answers instead, refusing them in its own words (or running the query
      // where the two disagree: graphql-jit 0.8.9 refuses a left-out non-null variable that has a
      // default, which graphql-js takes).
      if (!('data' in result)) return execute({ schema: this.schema(), document, operationName, variableValues: variables, contextValue: context });
      return withGraphQLErrors(result);
    }
    return execute({ schema: this.schema(), document, operationName, variableValues: variables, contextValue: context });
  }

  private compiled(document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): Compiled | null {
    if (this.compileAfter === 0) return null;
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const plan = byName.get(key) ?? 0;
    if (typeof plan !== 'number') return plan || null;
    if (plan + 1 < this.compileAfter) {
      byName.set(key, plan + 1);
      return null;
    }
    const made = this.compile(document, operation, operationName);
    byName.set(key, typeof made === 'string' ? false : made);
    this.onCompile(typeof made === 'string' ? made : 'compiled');
    return typeof made === 'string' ? null : made;
  }

  private compile(document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): Compiled | 'literal' | 'failed' {
    const safe = literalsAsVariables(this.schema(), document, operation);
    if (!safe) return 'literal';
    try {
      const c = compileQuery(this.schema(), safe.document, operationName ?? undefined);
      return isCompiledQuery(c) ? { query: c, literals: safe.literals } : 'failed';
    } catch {
      // Not compilable: graphql-js answers it, as it answers every query the first time.
      return 'failed';
    }
  }
}

/**
 * The document graphql-jit may compile, or null. graphql-jit 0.8.9 writes literal argument values
 * into the code it generates, then rewrites a marker inside them into `new Date(…)`, so a string
 * literal carrying that marker runs as code (compiled-queries.test.ts shows it). Values sent as
 * variables are data at run time. So each string literal given to a String or ID (an argument, a
 * list item, an input object's field) becomes a variable of that type, its value kept aside, and
 * the operation gets their definitions. A string anywhere else (a variable's default, a custom
 * scalar, where parsing a value may differ from parsing a literal) leaves the document to
 * graphql-js. What the generated code then holds of the query is names, numbers, booleans and
 * enum values, which the GraphQL lexer limits to safe characters.
 */
function literalsAsVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { document: DocumentNode; literals: Record<string, string> | null } | null {
  const at = document.definitions.indexOf(operation);
  if (at < 0) return null;
  const taken = new Set<string>();
  visit(document, {
    [Kind.VARIABLE](node) {
      taken.add(node.name.value);
    },
  });
  const typeInfo = new TypeInfo(schema);
  const literals: Record<string, string> = {};
  const definitions: VariableDefinitionNode[] = [];
  let refused = false;
  let n = 0;
  const edited = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.STRING](node, _key, parent, _path, ancestors) {
        const type = typeInfo.getInputType();
        const named = type ? getNamedType(type) : null;
        // `ancestors` stops above `parent`.
        const inDefault = [...ancestors, parent].some((a) => a && 'kind' in a && a.kind === Kind.VARIABLE_DEFINITION);
        if (!type || !isScalarType(named) || (named.name !== 'String' && named.name !== 'ID') || inDefault) {
          refused = true;
          return BREAK;
        }
        let name = '';
        do name = `literal${n++}`;
        while (taken.has(name));
        literals[name] = node.value;
        const variable: VariableNode = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
        definitions.push({ kind: Kind.VARIABLE_DEFINITION, variable, type: parseType(String(type)) });
        return variable;
      },
    }),
  );
  if (refused) return null;
  if (definitions.length === 0) return { document, literals: null };
  const op = edited.definitions[at] as OperationDefinitionNode;
  const definitionsOut = [...edited.definitions];
  definitionsOut[at] = { ...op, variableDefinitions: [...(op.variableDefinitions ?? []), ...definitions] };
  return { document: { ...edited, definitions: definitionsOut }, literals };
}

/**
 * graphql-jit's errors inherit from GraphQLError but leave `extensions` undefined when the cause
 * had none, where Apollo's formatting expects an object (it answered INTERNAL_SERVER_ERROR for a
 * FORBIDDEN). Rebuilt as graphql-js would have built them: same message, place and cause. A
 * field's own failure (a null in a non-null field) has a plain Error as cause there, which the
 * error boundary logs as INTERNAL rather than blaming the query.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (e.constructor === GraphQLError) return e;
    const g = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? new Error(e.message), extensions: e.extensions });
    if (e.locations) Object.defineProperty(g, 'locations', { value: e.locations, enumerable: true });
    return g;
  });
  return { ...result, errors };
}

/**
 * Nest gives every field of an object type a resolver that reads `root[name]` (or the field's
 * `defaultValue`, which no output field here has). graphql-jit cannot see through a resolver: for
 * each one it builds a resolve-info object and calls it, field by field, which made a 70-row trend
 * allocate ~0.7 MB. Without them, graphql-jit reads the property inline and graphql-js uses its own
 * default resolver, which reads the same property. Returns how many were dropped; a test checks
 * that Nest's are still recognised.
 */
export function dropPassThroughResolvers(schema: GraphQLSchema): number {
  let dropped = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()))
      if (field.resolve?.name === 'rootFieldResolver') {
        field.resolve = undefined;
        dropped++;
      }
  }
  return dropped;
}

/**
 * Apollo's gateway hook, the one public way to hand it an executor: it validates, plans prices and
 * formats errors as ever, and calls `runner` only to execute. `schema` is read when Apollo starts,
 * after Nest has built it.
 */
export function compiledQueriesGateway(runner: QueryRunner): Gateway {
  const executor: Executor = async (rc) =>
    (await runner.run(rc.document, rc.operation, rc.operationName, rc.request.variables, rc.context)) as Awaited<ReturnType<Executor>>;
  return {
    onSchemaLoadOrUpdate(callback) {
      const apiSchema = runner.schema();
      dropPassThroughResolvers(apiSchema);
      // No supergraph here: the schema is the API's own, and nothing reads its SDL.
      callback({ apiSchema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}
