import DataLoader from 'dataloader';
import type { ReportVersion } from './report-version.entity.js';
import type { ReportsService } from './reports.service.js';

/** Every version of each report, newest first, in one query for all the reports of a request. */
export function versionsLoader(reports: Pick<ReportsService, 'versionsOfReports'>): DataLoader<number, ReportVersion[]> {
  return new DataLoader(async (ids) => {
    const byReport = new Map<number, ReportVersion[]>();
    for (const v of await reports.versionsOfReports(ids)) {
      const list = byReport.get(v.reportId);
      if (list) list.push(v);
      else byReport.set(v.reportId, [v]);
    }
    return ids.map((id) => byReport.get(id) ?? []);
  });
}
