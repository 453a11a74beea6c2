import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger as Pino } from 'pino';
import type { Actor } from './common/access/actor.js';
import { compiledQueriesGateway, QueryRunner } from './common/compiled-queries.js';
import type { GqlContext } from './common/context.js';
import { formatGraphQLError } from './common/errors.js';
import { complexityPlugin, depthLimit } from './common/graphql-limits.js';
import { httpStatusPlugin, inputGuardPlugin } from './common/input-guard.js';
import { createLoaders } from './common/loaders.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { AuthService } from './modules/auth/auth.service.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JurisdictionsModule } from './modules/jurisdictions/jurisdictions.module.js';
import { JurisdictionsService } from './modules/jurisdictions/jurisdictions.service.js';
import { DataVersionService } from './modules/published/data-version.js';
import { PublishedModule } from './modules/published/published.module.js';
import { PublishedAnswers, publishedResponseCache, stringifyResult } from './modules/published/published-response-cache.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { ReportsService } from './modules/reports/reports.service.js';
import { RollupModule } from './modules/rollup/rollup.module.js';
import { createLogger, TypeOrmPinoLogger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { ParsingModule } from './parsing/parsing.module.js';

/** The services without HTTP or GraphQL: for `gongkai ingest` and other scripts. */
@Module({})
export class CoreModule {
  /** `logger`: where logs go (the API: stdout; scripts: stderr, errors only, by default). */
  static forRoot(config: AppConfig, databaseUrl: string, logger: Pino = createLogger('error', 2)): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        ParsingModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl),
          retryAttempts: 2,
          retryDelay: 500,
          logger: new TypeOrmPinoLogger(logger),
          // Queries slower than this are logged (warn) with their time and text.
          maxQueryExecutionTime: config.slowQueryMs > 0 ? config.slowQueryMs : undefined,
        }),
        ObservabilityModule.forRoot(logger),
        AuditModule,
        AuthModule,
        JurisdictionsModule,
        ReportsModule,
      ],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logger?: Pino): DynamicModule {
    const log = new Logger('GraphQL');
    let schemaRef: GraphQLSchema | null = null;
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, databaseUrl, logger),
        AnalyticsModule,
        RollupModule,
        HealthModule,
        DemoModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule, JurisdictionsModule, ReportsModule, PublishedModule],
          inject: [AuthService, JurisdictionsService, ReportsService, DataVersionService, PublishedAnswers, GraphQLSchemaHost, Metrics],
          useFactory: (
            auth: AuthService,
            units: JurisdictionsService,
            reports: ReportsService,
            dataVersion: DataVersionService,
            answers: PublishedAnswers,
            host: GraphQLSchemaHost,
            metrics: Metrics,
          ) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            // GraphiQL is the dashboard build's own page (graphiqlPage), bundled: no CDN, no landing page here.
            graphiql: false,
            playground: false,
            introspection: true,
            validationRules: [depthLimit()],
            // No cache-control plugin: it wraps every field resolver, and nothing here sets cache hints.
            plugins: [
              inputGuardPlugin(),
              httpStatusPlugin(),
              metrics.graphqlPlugin(),
              complexityPlugin(() => (schemaRef ??= host.schema)),
              ApolloServerPluginCacheControlDisabled(),
              publishedResponseCache({ enabled: config.publicRead, answers }),
            ],
            // Execution goes through a gateway whose executor compiles repeated queries (ADR 0010);
            // Apollo takes the gateway's schema, the one Nest built, over `schema`.
            gateway: compiledQueriesGateway(
              new QueryRunner(
                () => host.schema,
                config.compileQueriesAfter,
                (event) => metrics.compiledQueries.inc({ event }),
              ),
            ),
            stringifyResult,
            formatError: (formatted, error) => formatGraphQLError(formatted, error, (e) => log.error(e)),
            context: ({ req }: { req: Request }): GqlContext => {
              let actor: Promise<Actor> | null = null;
              let version: Promise<string> | null = null;
              return {
                req,
                actor: () => (actor ??= auth.actorFor(req.headers.authorization)),
                loaders: createLoaders(units, reports),
                dataVersion: () => (version ??= dataVersion.current()),
              };
            },
          }),
        }),
      ],
    };
  }
}
