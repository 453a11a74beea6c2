import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, request } from '../api/client.js';
import type { TypedDocumentString } from '../api/gql/graphql.js';

export interface QueryState<R> {
  data: R | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a typed document whenever its variables change; `skip` waits for missing inputs. */
interface Paged<N> {
  metrics: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] };
}

/** Follows a metrics connection to its end (the API serves at most 100 rows a page). */
export async function requestAllMetrics<R extends Paged<unknown>, V extends { first?: number | null; after?: string | null }>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  const first = await request(doc, { ...variables, first: 100, after: null }, signal);
  let page = first;
  while (page.metrics.pageInfo.hasNextPage && first.metrics.edges.length < 20_000) {
    page = await request(doc, { ...variables, first: 100, after: page.metrics.pageInfo.endCursor }, signal);
    first.metrics.edges.push(...page.metrics.edges);
  }
  first.metrics.pageInfo = page.metrics.pageInfo;
  return first;
}

/** `revision` refetches after a change elsewhere (submit, publish) without changing the variables. */
export function useQuery<R, V>(
  doc: TypedDocumentString<R, V>,
  // The document decides the variables' type (its variables are contravariant, not inferred from a literal).
  variables: NoInfer<V>,
  skip = false,
  revision = 0,
  run: (doc: TypedDocumentString<R, V>, variables: V, signal: AbortSignal) => Promise<R> = request,
): QueryState<R> {
  const key = JSON.stringify(variables);
  const [tick, setTick] = useState(0);
  // What the state answers: until the effect has asked for the current variables, the view is
  // loading, not empty (a render in between would mount and then unmount whatever waits on it).
  const asked = `${skip}|${tick}|${revision}|${key}`;
  const [state, setState] = useState<{ data: R | null; error: ApiError | null; loading: boolean; asked: string }>({
    data: null,
    error: null,
    loading: !skip,
    asked,
  });
  const vars = useRef(variables);
  vars.current = variables;
  useEffect(() => {
    if (skip) {
      setState({ data: null, error: null, loading: false, asked });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, asked }));
    run(doc, vars.current, ctl.signal).then(
      // An answer that lands after its abort is not the current one.
      (data) => ctl.signal.aborted || setState({ data, error: null, loading: false, asked }),
      (error) => {
        if ((error as Error).name !== 'AbortError') setState({ data: null, error, loading: false, asked });
      },
    );
    return () => ctl.abort();
  }, [doc, asked]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.asked === asked ? state.error : null, loading: state.loading || (!skip && state.asked !== asked), reload };
}
