import type { MetricKey } from '@gongkai/report-template';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, getToken, request, setToken } from './api/client.js';
import { CountiesDocument, LogoutDocument, MeDocument, MetricDefinitionsDocument, MetricsDocument, SyntheticShareDocument } from './api/gql/graphql.js';
import { Empty, ErrorState, Loading } from './components/states.js';
import { type Lang, LangContext, type MessageKey, translate } from './i18n.js';
import { useQuery } from './state/query.js';
import { type Session, SessionContext, type User } from './state/session.js';
import { navigate, routeHref, updateParams, useRoute, VIEWS, type View } from './state/url.js';
import { LoginForm } from './views/Login.js';
import { Overview } from './views/Overview.js';

type ViewComponent = () => preact.JSX.Element | null;

/** The first view ships in the main bundle; the others load when first opened. */
const VIEW_LOADERS: Record<View, () => Promise<ViewComponent>> = {
  overview: async () => Overview,
  compare: () => import('./views/Compare.js').then((m) => m.Compare),
  report: () => import('./views/ReportView.js').then((m) => m.ReportView),
  quality: () => import('./views/Quality.js').then((m) => m.Quality),
  submit: () => import('./views/Submit.js').then((m) => m.Submit),
  mine: () => import('./views/Mine.js').then((m) => m.Mine),
  analysts: () => import('./views/Analysts.js').then((m) => m.Analysts),
  rollup: () => import('./views/rollup/Rollup.js').then((m) => m.RollupView),
};
const loaded = new Map<View, ViewComponent>([['overview', Overview]]);

function LazyView({ view }: { view: View }) {
  const [, setTick] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const Component = loaded.get(view);
  useEffect(() => {
    if (loaded.has(view)) return;
    VIEW_LOADERS[view]().then(
      (c) => {
        loaded.set(view, c);
        setTick((n) => n + 1);
      },
      (e: Error) => setError(e),
    );
  }, [view]);
  if (error) return <ErrorState error={new ApiError('LOAD_FAILED', error.message)} retry={() => location.reload()} />;
  return Component ? <Component /> : <Loading />;
}

/** Follows in-app links without a page load; the URL stays the single source of state. */
function onLinkClick(e: MouseEvent) {
  const a = (e.target as Element).closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/graphql')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
  scrollTo(0, 0);
}

export function App() {
  const route = useRoute();
  const lang: Lang = route.params.get('lang') === 'en' ? 'en' : 'zh';
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const [user, setUser] = useState<User | null>(null);
  // With a saved login, who is asking is not known until `me` answers: views wait for it rather
  // than show a signed-out page first (a clerk would see "for clerks only" flash by).
  const [userKnown, setUserKnown] = useState(!getToken());
  // A saved login the server refused (expired or revoked): said, not just a signed-out page.
  const [loginLost, setLoginLost] = useState(false);
  const [revision, setRevision] = useState(0);
  const [showLogin, setShowLogin] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `Gongkai ${lang === 'zh' ? '公开' : ''} · ${t(`nav.${route.view}` as MessageKey)}`;
  });
  useEffect(() => {
    if (getToken())
      request(MeDocument, {})
        .then(
          (r) => setUser(r.me),
          (e: unknown) => {
            setUser(null);
            setLoginLost(e instanceof ApiError && e.code === 'UNAUTHENTICATED');
          },
        )
        .finally(() => setUserKnown(true));
  }, []);

  const counties = useQuery(CountiesDocument, {});
  const defs = useQuery(MetricDefinitionsDocument, {});
  const countyList = counties.data?.jurisdictions.edges.map((e) => e.node) ?? [];
  const countyId = route.params.get('county') ?? user?.jurisdiction?.id ?? countyList[0]?.id ?? null;
  const county = countyList.find((c) => c.id === countyId) ?? countyList[0] ?? null;
  const yearsQ = useQuery(
    MetricsDocument,
    { metrics: ['applications.received' satisfies MetricKey], scope: { under: county?.id ?? null }, groupBy: ['year'], first: 100 },
    !county,
  );
  const years = useMemo(
    () => (yearsQ.data?.metrics.edges.map((e) => e.node.year).filter((y): y is number => y !== null) ?? []).sort((a, b) => a - b),
    [yearsQ.data],
  );
  const latest = years[years.length - 1] ?? new Date().getFullYear() - 1;
  const yearParam = Number(route.params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 1990 && yearParam < 2200 ? yearParam : latest;
  const synthetic = useQuery(SyntheticShareDocument, { under: county?.id ?? '', year }, !county);

  const session: Session = {
    user,
    // Logging in or out changes what may be seen: every view refetches.
    setUser: (u) => {
      setUser(u);
      setRevision((n) => n + 1);
    },
    county,
    counties: countyList,
    years,
    year,
    metricsVersion: defs.data?.metricsVersion ?? '',
    revision,
    bump: () => setRevision((n) => n + 1),
  };
  const link = (view: View) => routeHref(view, { county: route.params.get('county'), year: route.params.get('year'), lang: route.params.get('lang') });
  const syn = synthetic.data?.reports;
  const synCount = syn?.edges.filter((e) => e.node.version.synthetic).length ?? 0;

  return (
    <LangContext.Provider value={lang}>
      <SessionContext.Provider value={session}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: delegated link handling; links stay links */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a link fires click */}
        <div class="shell" onClick={onLinkClick}>
          <a class="skip" href="#main">
            {t('skip')}
          </a>
          <header class="top">
            <a class="brand" href={link('overview')}>
              {t('brand')}
            </a>
            <nav aria-label="views">
              {VIEWS.filter((v) => v !== 'mine' || user?.role === 'clerk' || route.view === 'mine').map((v) => (
                <a key={v} href={link(v)} aria-current={route.view === v ? 'page' : undefined} data-nav={v}>
                  {t(`nav.${v}` as MessageKey)}
                </a>
              ))}
            </nav>
            <div class="filters">
              <label>
                {t('county')}{' '}
                <select
                  name="county"
                  value={county?.id ?? ''}
                  onChange={(e) => updateParams({ county: (e.target as HTMLSelectElement).value, units: null, unit: null })}
                >
                  {countyList.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.parent ? ` · ${c.parent.name}` : ''}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('year')}{' '}
                <select name="year" value={String(year)} onChange={(e) => updateParams({ year: (e.target as HTMLSelectElement).value })}>
                  {(years.length ? years : [year]).map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                lang={lang === 'zh' ? 'en' : 'zh'}
                data-action="switch-language"
                onClick={() => updateParams({ lang: lang === 'zh' ? 'en' : null })}
              >
                {t('language')}
              </button>
              <button type="button" onClick={() => print()}>
                {t('export.print')}
              </button>
              {user ? (
                <span class="who">
                  {user.displayName}
                  <button
                    type="button"
                    onClick={() => {
                      // The token is revoked on the server; it is dropped here even if that fails (offline).
                      const done = () => {
                        setToken(null);
                        session.setUser(null);
                      };
                      request(LogoutDocument, {}).then(done, done);
                    }}
                  >
                    {t('logout')}
                  </button>
                </span>
              ) : (
                <button type="button" data-action="show-login" onClick={() => setShowLogin((s) => !s)}>
                  {t('login')}
                </button>
              )}
            </div>
          </header>
          {loginLost && !user && (
            <p class="login-lost" role="alert" data-state="login-lost">
              {t('why.UNAUTHENTICATED')}
            </p>
          )}
          {showLogin && !user && <LoginForm onDone={() => setShowLogin(false)} />}
          <p class="print-stamp">
            {county?.name} · {t('year')} {year} · {t('print.version')} {session.metricsVersion} · {location.href}
          </p>
          {synCount > 0 && (
            <p class="synthetic-banner" role="note">
              {t('synthetic.banner', { n: syn?.totalCount ?? 0, k: synCount })}
            </p>
          )}
          <main id="main" tabIndex={-1}>
            {counties.error ? (
              <ErrorState error={counties.error} retry={counties.reload} />
            ) : !userKnown || counties.loading || (county && yearsQ.loading && !yearsQ.data) ? (
              <Loading />
            ) : !county ? (
              <Empty>{t('empty.noCounty')}</Empty>
            ) : (
              <LazyView key={route.view} view={route.view} />
            )}
          </main>
          <footer class="foot">
            Gongkai 公开 · {t('print.version')} {session.metricsVersion} · <a href="/graphql">GraphQL</a>
          </footer>
        </div>
      </SessionContext.Provider>
    </LangContext.Provider>
  );
}
