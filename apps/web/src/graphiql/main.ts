// GraphiQL served by the product itself: every script, style, font and worker is bundled here, so
// it works on an intranet with no internet. A separate page and entry: none of it reaches the
// dashboard's bundle. React without JSX (the dashboard's JSX is Preact's).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const TOKEN_KEY = 'gongkai.token';

// The dashboard's login, if any, rides along; a script's own token can be set in the headers tab.
const token = (() => {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
})();

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', location.href).href });
const root = document.getElementById('graphiql') as HTMLElement;
root.textContent = '';
createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined,
    defaultQuery: '# Gongkai GraphQL API\n{\n  metricsVersion\n  jurisdictions(kinds: [county], first: 10) {\n    edges { node { id name code } }\n  }\n}\n',
  }),
);
