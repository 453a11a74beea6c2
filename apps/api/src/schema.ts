import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { JurisdictionsResolver } from './modules/jurisdictions/jurisdictions.resolver.js';
import { ReportsResolver, ReportVersionResolver } from './modules/reports/reports.resolver.js';
import { RollupResolver } from './modules/rollup/rollup.resolver.js';

export const RESOLVERS = [AuthResolver, JurisdictionsResolver, ReportsResolver, ReportVersionResolver, AnalyticsResolver, RollupResolver];

const HEADER = '# Generated from the resolvers by `npm run schema:generate`; a test fails when this drifts.\n\n';

/** The GraphQL schema built from the resolvers alone (no database). */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    return await app.get(GraphQLSchemaFactory).create(RESOLVERS);
  } finally {
    await app.close();
  }
}

/** The GraphQL schema as SDL, sorted. */
export async function buildSchemaSdl(): Promise<string> {
  return `${HEADER}${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
