import { useEffect, useState } from 'preact/hooks';

/** The views, by path. The URL is the whole state: a copied link reopens the same view and filters. */
export const VIEWS = ['overview', 'compare', 'report', 'quality', 'submit', 'mine', 'analysts', 'rollup'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  params: URLSearchParams;
}

export function parseRoute(pathname: string, search: string): Route {
  const seg = pathname.replace(/^\/+|\/+$/g, '');
  const view = (VIEWS as readonly string[]).includes(seg) ? (seg as View) : 'overview';
  return { view, params: new URLSearchParams(search) };
}

export function routeHref(view: View, params: Record<string, string | number | readonly (string | number)[] | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return `/${view === 'overview' ? '' : view}${s ? `?${s}` : ''}`;
}

const listeners = new Set<() => void>();

/** Pushes a new history entry (back/forward walk through filter changes) unless `replace`. */
export function navigate(href: string, replace = false): void {
  if (href === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', href);
  for (const l of listeners) l();
}

/** Merges params into the current URL. */
export function updateParams(patch: Record<string, string | number | readonly (string | number)[] | null | undefined>, replace = false): void {
  const { view, params } = parseRoute(location.pathname, location.search);
  const merged: Record<string, string | readonly (string | number)[] | number | null | undefined> = Object.fromEntries(params);
  navigate(routeHref(view, { ...merged, ...patch }), replace);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

export function idList(v: string | null): string[] {
  return (v ?? '').split(',').filter((s) => /^\d+$/.test(s));
}
