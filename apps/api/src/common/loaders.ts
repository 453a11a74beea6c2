import DataLoader from 'dataloader';
import type { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import type { JurisdictionsService } from '../modules/jurisdictions/jurisdictions.service.js';
import type { Finding } from '../modules/reports/finding.entity.js';
import type { ReportVersion } from '../modules/reports/report-version.entity.js';
import type { ReportsService } from '../modules/reports/reports.service.js';
import { versionsLoader } from '../modules/reports/versions.loader.js';

/** DataLoaders live for one request: batching without cross-request caching. */
export interface Loaders {
  unit: DataLoader<number, Jurisdiction | null>;
  /**
   * Many units in one lookup, in the order asked (null where none): a ranking's thousands of rows
   * without DataLoader's two promises per key (~0.5 MB of garbage per 1,400-row ranking).
   */
  units: (ids: readonly number[]) => Promise<(Jurisdiction | null)[]>;
  children: DataLoader<number, Jurisdiction[]>;
  findings: DataLoader<number, Finding[]>;
  /** Published versions per report id. */
  publishedVersions: DataLoader<number, number>;
  /** Every version per report id, newest first (filtered for the reader by the resolver). */
  versions: DataLoader<number, ReportVersion[]>;
}

export function createLoaders(units: JurisdictionsService, reports: ReportsService): Loaders {
  // Answers are matched to keys through maps: a ranking looks up thousands of units at once.
  const unitsByIds = async (ids: readonly number[]) => {
    const byId = new Map((await units.byIds(ids)).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  };
  return {
    unit: new DataLoader(unitsByIds),
    units: unitsByIds,
    children: new DataLoader(async (ids) => {
      const byParent = groupBy(await units.childrenOf(ids), (r) => r.parentId);
      return ids.map((id) => byParent.get(id) ?? []);
    }),
    findings: new DataLoader(async (ids) => {
      const byVersion = groupBy(await reports.findingsOf(ids), (r) => r.versionId);
      return ids.map((id) => byVersion.get(id) ?? []);
    }),
    publishedVersions: new DataLoader(async (ids) => {
      const counts = await reports.publishedVersionCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    versions: versionsLoader(reports),
  };
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
