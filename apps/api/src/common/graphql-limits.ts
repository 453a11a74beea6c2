import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 5_000;

/**
 * What a root field costs on its own, in units of about 0.06 ms of server time on the demo
 * county, measured with `npm run bench:api` (it prints the measured time beside each price;
 * docs/benchmarks.md): a field that aggregates a whole scope is priced at what it costs, not at 1
 * like a scalar. Fields whose cost grows with the scope (rankings, trends over a province) keep a
 * floor of 20. Unlisted fields cost 1. With MAX_COMPLEXITY one operation buys roughly 0.3 s of work.
 */
export const ROOT_COST: Record<string, number> = {
  dataQuality: 300,
  submissionStatus: 180,
  reports: 150,
  report: 40,
  ranking: 40,
  jurisdictions: 25,
  metrics: 25,
  auditTrail: 25,
  yoy: 20,
};

/** The same priced root field at most this often in one operation (aliases), whatever its price. */
export const MAX_PRICED_REPEATS = 5;
/** Any root field at most this often in one operation. */
export const MAX_ROOT_REPEATS = 20;

/** A list field asked for `first: N` costs N times its children. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const n = typeof args.first === 'number' ? args.first : null;
  return n !== null ? 1 + n * Math.max(1, childComplexity) : undefined;
};

/** Priced root fields: their price plus what is asked inside them (paged when `first` is given). */
const rootCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const price = type.name === 'Query' ? ROOT_COST[field.name] : undefined;
  if (price === undefined) return undefined;
  const n = typeof args.first === 'number' ? args.first : null;
  return price + (n !== null ? n * Math.max(1, childComplexity) : childComplexity);
};

/** How often each root field is asked for in the operation, fragments and inline fragments included. */
export function rootFieldCounts(document: DocumentNode, operation: OperationDefinitionNode): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const counts = new Map<string, number>();
  const walk = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) counts.set(s.name.value, (counts.get(s.name.value) ?? 0) + 1);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return counts;
}

/** Alias bombs: the same root field asked for over and over in one operation is refused. */
function checkRepeats(document: DocumentNode, operation: OperationDefinitionNode) {
  for (const [field, count] of rootFieldCounts(document, operation)) {
    const max = field === '__typename' ? Number.POSITIVE_INFINITY : ROOT_COST[field] !== undefined ? MAX_PRICED_REPEATS : MAX_ROOT_REPEATS;
    if (count > max) {
      throw new GraphQLError(
        `同一查询中 ${field} 出现 ${count} 次，上限 ${max} 次，请分多次查询 (${field} asked ${count} times in one operation; at most ${max})`,
        {
          extensions: { code: 'TOO_COMPLEX', field, count, maxRepeats: max },
        },
      );
    }
  }
}

/** Refuses operations whose estimated cost is above MAX_COMPLEXITY, before anything runs. */
export function complexityPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (operation) checkRepeats(document, operation);
          const complexity = getComplexity({
            schema: schema(),
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [rootCostEstimator, fieldExtensionsEstimator(), pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_COMPLEXITY) {
            throw new GraphQLError(`查询过于复杂（估算 ${complexity}，上限 ${MAX_COMPLEXITY}），请减少字段或分页 (query too complex)`, {
              extensions: { code: 'TOO_COMPLEX', complexity, max: MAX_COMPLEXITY },
            });
          }
        },
      };
    },
  };
}

/** A validation rule: selections nested deeper than MAX_DEPTH are refused. */
export function depthLimit(max = MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) deepest = Math.max(deepest, s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1);
        else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
        else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          deepest = Math.max(deepest, depthOf(f?.selectionSet, new Set([...seen, s.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max)
          context.reportError(
            new GraphQLError(`查询嵌套 ${depth} 层，上限 ${max} 层 (query too deep)`, {
              nodes: [node],
              extensions: { code: 'TOO_COMPLEX', depth, maxDepth: max },
            }),
          );
      },
    };
  };
}
