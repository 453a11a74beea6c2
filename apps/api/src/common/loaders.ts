import DataLoader from 'dataloader';
import type { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import type { JurisdictionsService } from '../modules/jurisdictions/jurisdictions.service.js';
import type { Finding } from '../modules/reports/finding.entity.js';
import type { ReportsService } from '../modules/reports/reports.service.js';

/** DataLoaders live for one request: batching without cross-request caching. */
export interface Loaders {
  unit: DataLoader<number, Jurisdiction | null>;
  children: DataLoader<number, Jurisdiction[]>;
  findings: DataLoader<number, Finding[]>;
}

export function createLoaders(units: JurisdictionsService, reports: ReportsService): Loaders {
  return {
    unit: new DataLoader(async (ids) => {
      const rows = await units.byIds(ids);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    children: new DataLoader(async (ids) => {
      const rows = await units.childrenOf(ids);
      return ids.map((id) => rows.filter((r) => r.parentId === id));
    }),
    findings: new DataLoader(async (ids) => {
      const rows = await reports.findingsOf(ids);
      return ids.map((id) => rows.filter((r) => r.versionId === id));
    }),
  };
}
