import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTVisitor, type FragmentDefinitionNode, GraphQLError, type GraphQLSchema, Kind, type SelectionSetNode, type ValidationContext } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 5_000;

/** A list field asked for `first: N` costs N times its children. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const n = typeof args.first === 'number' ? args.first : null;
  return n !== null ? 1 + n * Math.max(1, childComplexity) : undefined;
};

/** Refuses operations whose estimated cost is above MAX_COMPLEXITY, before anything runs. */
export function complexityPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema: schema(),
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [fieldExtensionsEstimator(), pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
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
