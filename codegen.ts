import type { CodegenConfig } from '@graphql-codegen/cli';

// The dashboard's typed GraphQL client: GraphQL Code Generator's client preset reads the committed
// schema.gql and apps/web/src/api/operations.graphql and writes apps/web/src/api/gql/
// (`npm run web:client`; test/web-client.test.ts fails when the committed files drift).
// Each operation Me gives MeDocument (a typed string: no GraphQL runtime in the bundle), MeQuery and
// MeQueryVariables, in gql/graphql.ts; gql/gql.ts (the preset's graphql() tag) is unused by the web.
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/web/src/api/operations.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'apps/web/src/api/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        scalars: { ID: 'string', DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};
export default config;
