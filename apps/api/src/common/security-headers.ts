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

const common: HelmetOptions = {
  // Served over plain HTTP on a LAN as often as behind TLS: requests are not rewritten to https,
  // and HSTS (ignored over HTTP) does not reach the operator's other subdomains.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  frameguard: { action: 'deny' },
};

/**
 * Helmet's headers on every response, with the dashboard's CSP. GraphiQL is bundled with the
 * dashboard, so its page (`GET /graphql`) lives under the same policy: nothing from outside.
 */
export function securityHeaders(): RequestHandler {
  return helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD } });
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
