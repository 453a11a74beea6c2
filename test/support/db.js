import { randomBytes } from 'node:crypto';
import pg from 'pg';
/** A fresh, empty database for one test file, dropped afterwards. */
export async function createTestDatabase() {
    const admin = process.env.GONGKAI_TEST_ADMIN_URL;
    if (!admin)
        throw new Error('GONGKAI_TEST_ADMIN_URL is not set: run tests through vitest (globalSetup)');
    const name = `gongkai_t_${randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        async drop() {
            const c = new pg.Client({ connectionString: admin });
            await c.connect();
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await c.end();
        },
    };
}
//# sourceMappingURL=db.js.map