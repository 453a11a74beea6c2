import pg from 'pg';

const TABLES = ['jurisdiction', 'report', 'report_version', 'finding', 'report_figures', 'app_user', 'api_token'];

/**
 * A hash and count of every row of the tables a refusal must not touch, and how many audit
 * entries there are besides logins: equal before and after means nothing was stored.
 */
export async function snapshotTables(databaseUrl: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of TABLES)
      out[t] = JSON.stringify((await c.query(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h, count(*) AS n FROM ${t} x`)).rows[0]);
    // Refusals are recorded on purpose (who tried what, and why); nothing else may change.
    out.audit = JSON.stringify((await c.query(`SELECT count(*) AS n FROM audit_log WHERE action <> 'login' AND action NOT LIKE '%.refused'`)).rows[0]);
    return out;
  } finally {
    await c.end();
  }
}
