import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The dashboard loads only its own scripts, styles, images and API: no inline script, no script
 * attribute, no plugin, not framed. Styles may be inline (ECharts and Preact set style
 * attributes); images may be data: and blob: URLs (chart PNG/SVG export).
 */
const DASHBOARD: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * GraphiQL (`GET /graphql` in a browser) is @nestjs/apollo's page: React and GraphiQL from unpkg
 * and one inline script that starts it. Only this page may load from there; it shows no stored
 * content, so inline script here cannot carry anything from an upload.
 */
const CDN = 'https://unpkg.com';
const GRAPHIQL: Record<string, string[]> = {
  ...DASHBOARD,
  'script-src': ["'self'", "'unsafe-inline'", CDN],
  'style-src': ["'self'", "'unsafe-inline'", CDN],
  'img-src': ["'self'", 'data:', CDN],
  'font-src': ["'self'", 'data:', CDN],
};

const common: HelmetOptions = {
  // Served over plain HTTP on a LAN as often as behind TLS: requests are not rewritten to https,
  // and HSTS (ignored over HTTP) does not reach the operator's other subdomains.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  frameguard: { action: 'deny' },
};

/** Helmet's headers on every response, with the dashboard's CSP (GraphiQL's on its page). */
export function securityHeaders(): RequestHandler {
  const dashboard = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD } });
  const graphiql = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: GRAPHIQL } });
  return (req, res, next) => (req.path === '/graphql' ? graphiql : dashboard)(req, res, next);
}

/**
 * An uploaded file as sent back: always an attachment, never sniffed, and if a browser renders it
 * anyway, in a sandbox of its own with nothing allowed (no script, no same-origin storage).
 */
export const ORIGINAL_FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'private, no-store',
} as const;
