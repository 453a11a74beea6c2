/** A fresh, empty database for one test file, dropped afterwards. */
export declare function createTestDatabase(): Promise<{
    url: string;
    drop(): Promise<void>;
}>;
//# sourceMappingURL=db.d.ts.map