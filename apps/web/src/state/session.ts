import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CountiesQuery, MeQuery } from '../api/gql/graphql.js';

export type User = NonNullable<MeQuery['me']>;
export type County = CountiesQuery['jurisdictions']['edges'][number]['node'];

/** Who is looking and at what: shared by every view. */
export interface Session {
  user: User | null;
  setUser(user: User | null): void;
  county: County | null;
  counties: readonly County[];
  /** Years that have published reports in the county, ascending. */
  years: readonly number[];
  year: number;
  metricsVersion: string;
  /** Bumped after a change (submit, publish) so views refetch. */
  revision: number;
  bump(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the app shell');
  return s;
}

export const isAdmin = (u: User | null) => u?.role === 'admin';
export const canSubmit = (u: User | null) => u?.role === 'admin' || u?.role === 'clerk';
