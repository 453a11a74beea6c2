import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from './api.js';

export interface SmallCounty {
  countyId: number;
  huaiyuan: number;
  yuehe: number;
  otherCounty: number;
  otherTown: number;
}

/**
 * A small county for tests, through the services: 桐柏县 with 淮源镇 and 月河镇, a second county,
 * and one user per role (password `pw-<username>`).
 */
export async function seedSmallCounty(app: INestApplication): Promise<SmallCounty> {
  const { JurisdictionsService } = await import('../../apps/api/src/modules/jurisdictions/jurisdictions.service.js');
  const { AuthService } = await import('../../apps/api/src/modules/auth/auth.service.js');
  const units = app.get(JurisdictionsService);
  const auth = app.get(AuthService);
  const ds = app.get(DataSource);
  const ids = await ds.transaction(async (m) => {
    const p = await units.insertTrusted(m, { name: '河南省', kind: 'province', parentId: null, code: '410000' });
    const c = await units.insertTrusted(m, { name: '南阳市', kind: 'city', parentId: p.id });
    const county = await units.insertTrusted(m, { name: '桐柏县', kind: 'county', parentId: c.id, code: '411330' });
    const huaiyuan = await units.insertTrusted(m, { name: '淮源镇', kind: 'town', parentId: county.id });
    const yuehe = await units.insertTrusted(m, { name: '月河镇', kind: 'town', parentId: county.id });
    const other = await units.insertTrusted(m, { name: '唐河县', kind: 'county', parentId: c.id });
    const otherTown = await units.insertTrusted(m, { name: '城郊乡', kind: 'township', parentId: other.id });
    return { countyId: county.id, huaiyuan: huaiyuan.id, yuehe: yuehe.id, otherCounty: other.id, otherTown: otherTown.id };
  });
  const users: [string, 'admin' | 'clerk' | 'viewer' | 'analyst', number | null][] = [
    ['admin', 'admin', ids.countyId],
    ['otheradmin', 'admin', ids.otherCounty],
    ['huaiyuan', 'clerk', ids.huaiyuan],
    ['yuehe', 'clerk', ids.yuehe],
    ['viewer', 'viewer', null],
    ['analyst', 'analyst', null],
  ];
  for (const [username, role, jurisdictionId] of users)
    await auth.createUser({ username, displayName: username, password: `pw-${username}`, role, jurisdictionId });
  return ids;
}

/** A test API on its own database with the small county seeded: the usual start of an API test. */
export async function startSmallCounty(...args: Parameters<typeof startTestApi>): Promise<{ api: TestApi; ids: SmallCounty }> {
  const api = await startTestApi(...args);
  return { api, ids: await seedSmallCounty(api.server.app) };
}

/** Tokens of the small county's users, in the order asked (each user's password is `pw-<username>`). */
export function loginAs(api: TestApi, ...users: string[]): Promise<string[]> {
  return Promise.all(users.map((u) => api.login(u, `pw-${u}`)));
}
