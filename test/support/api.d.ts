import { type AppConfig, type RunningServer } from '@gongkai/api';
/** mkdtemp makes 0700 folders; the embedded server's postgres user must be able to reach them. */
export declare function traversableTempDir(prefix: string): string;
export interface TestApi {
    server: RunningServer;
    url: string;
    databaseUrl: string;
    gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<{
        data?: T;
        errors?: {
            message: string;
            extensions?: {
                code?: string;
            };
        }[];
    }>;
    login(username: string, password: string): Promise<string>;
    close(): Promise<void>;
}
export declare function testConfig(overrides?: Partial<AppConfig>): AppConfig;
/** A real API over HTTP on a fresh database (the same one when `databaseUrl` is passed). */
export declare function startTestApi(overrides?: Partial<AppConfig>): Promise<TestApi>;
//# sourceMappingURL=api.d.ts.map