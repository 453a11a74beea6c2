import { describe, expect, it } from 'vitest';
import { idList, parseRoute, routeHref } from './url.js';

describe('url state', () => {
  it('round-trips a view and its filters', () => {
    const href = routeHref('compare', { county: '3', year: 2025, units: ['7', '9'], metric: 'rate.disclosure', lang: null });
    expect(href).toBe('/compare?county=3&year=2025&units=7%2C9&metric=rate.disclosure');
    const [path, search] = href.split('?');
    const r = parseRoute(path as string, `?${search}`);
    expect(r.view).toBe('compare');
    expect(idList(r.params.get('units'))).toEqual(['7', '9']);
  });
  it('falls back to the overview for unknown paths and drops junk ids', () => {
    expect(parseRoute('/../../etc', '').view).toBe('overview');
    expect(idList('7,<script>,9,-1')).toEqual(['7', '9']);
  });
});
