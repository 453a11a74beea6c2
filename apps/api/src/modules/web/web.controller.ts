import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, Next, Req, Res } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/** The server's own top-level paths: an unknown address under them is a 404, never the dashboard. */
const SERVER_PREFIXES = new Set(['api', 'graphql', 'health', 'metrics']);

/**
 * Whether a GET path is one of the dashboard's client-side routes. The dashboard owns its list of
 * views (apps/web/src/state/url.ts): every other path is its page too, except the server's own
 * prefixes and files (a missing asset must fail as a 404, not arrive as HTML).
 */
export function isDashboardPath(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return true;
  if (SERVER_PREFIXES.has((segments[0] as string).toLowerCase())) return false;
  return !(segments[segments.length - 1] as string).includes('.');
}

/** `/` and the dashboard's views; without a built dashboard, a page that says what is here. */
@Controller()
export class WebController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  // Every GET: routes registered after this one still answer theirs (next), and a path that is
  // no view falls through to the 404 handler.
  @Get('{*path}')
  index(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction) {
    if (!isDashboardPath(req.path)) return next();
    const built = this.config.webDir && join(this.config.webDir, 'index.html');
    if (built && existsSync(built)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(readFileSync(built, 'utf8'));
      return;
    }
    res.type('html').send(PLACEHOLDER);
  }
}

/**
 * `GET /graphql` from a browser: GraphiQL as the dashboard build bundles it (graphiql.html and its
 * assets, nothing from outside). Queries (POST, or GET with ?query=) go on to the API.
 */
export function graphiqlPage(webDir: string | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.query.query !== undefined || req.accepts(['json', 'html']) !== 'html') return next();
    const built = webDir && join(webDir, 'graphiql.html');
    res.setHeader('Cache-Control', 'no-cache');
    if (built && existsSync(built)) res.type('html').send(readFileSync(built, 'utf8'));
    else res.type('html').send(GRAPHIQL_MISSING);
  };
}

const GRAPHIQL_MISSING = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gongkai GraphQL</title></head><body>
<h1>Gongkai GraphQL API</h1>
<p>POST queries to this address. The query editor (GraphiQL) comes with the dashboard build: run <code>npm run build</code>.</p>
</body></html>`;

const PLACEHOLDER = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gongkai 公开 — 政府信息公开工作年度报告</title>
<style>body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2933}code,pre{background:#f1f5f9;border-radius:4px}pre{padding:.75rem;overflow:auto}a{color:#0b5cad}</style>
</head><body>
<h1>Gongkai 公开</h1>
<p>收集各乡镇、街道和县直部门的政府信息公开工作年度报告，读成可追溯、可核对的数字。</p>
<p>Gongkai collects government information disclosure annual reports and turns each into traceable numbers.
The dashboard is not built (run <code>npm run build</code>); the API is here:</p>
<ul>
<li><a href="/graphql">/graphql</a> — GraphQL API (open it in a browser for the query editor)</li>
<li><a href="/health">/health</a> — service and database state</li>
<li><code>POST /api/reports?jurisdictionId=…&amp;year=…&amp;fileName=…</code> — upload a report file</li>
</ul>
<p>Demo logins — <code>admin</code> / <code>gongkai-admin</code> (桐柏县), <code>huaiyuan</code> / <code>gongkai-clerk</code> (淮源镇 clerk), <code>viewer</code> / <code>gongkai-viewer</code>.</p>
<pre>{ jurisdiction(code: "411330") { name children { name kind } } }</pre>
</body></html>`;
