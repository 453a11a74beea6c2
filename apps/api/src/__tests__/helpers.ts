import { randomReport, renderReport } from '@gongkai/report-render';
import { type ApplicationRowKey, buildReport, type CanonicalReport } from '@gongkai/report-template';

/** A rendered report file for a unit and year, base64 for the GraphQL mutation. */
export function reportFile(
  organ: string,
  year: number,
  seed = year,
  tweak?: (r: CanonicalReport) => void,
): { base64: string; bytes: Uint8Array; report: CanonicalReport } {
  const report = randomReport(seed, { organ, year, version: '2021', scale: 5 });
  tweak?.(report);
  const bytes = renderReport(report, 'html');
  return { base64: Buffer.from(bytes).toString('base64'), bytes, report };
}

/** What the helpers need of the test API harness (test/support/api.ts is outside this project). */
interface GqlClient {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<{ data?: T; errors?: unknown[] }>;
}

/** Submits a report as HTML through GraphQL; the new version's id. */
export async function submitVersion(api: GqlClient, token: string, unitId: number, r: CanonicalReport): Promise<string> {
  const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
    SUBMIT,
    { input: { jurisdictionId: String(unitId), fileName: 'r.html', contentBase64: Buffer.from(renderReport(r, 'html')).toString('base64') } },
    token,
  );
  const id = s.data?.submitReport.report.version.id;
  if (!id) throw new Error(JSON.stringify(s.errors));
  return id;
}

export async function acceptAndPublish(api: GqlClient, token: string, versionId: string): Promise<void> {
  await api.gql(`mutation { acceptReport(versionId: "${versionId}") { status } }`, {}, token);
  await api.gql(`mutation { publishReport(versionId: "${versionId}") { status } }`, {}, token);
}

export const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { created report { id year versionCount version { id version status findings { id rule severity } } } } }`;

/** A consistent report with only natural-person applications, numbers chosen by hand. */
export function handReport(
  organ: string,
  year: number,
  outcomes: Partial<Record<ApplicationRowKey, number>>,
  reviews: { upheld?: number; corrected?: number } = {},
): CanonicalReport {
  let handled = 0;
  for (const n of Object.values(outcomes)) handled += n;
  return buildReport({
    organ,
    year,
    // Rows not named here stay blank (the report counts them as 0).
    zeroRows: [
      'newReceived',
      'carriedOver',
      'granted',
      'partiallyGranted',
      'unavailable.notHeld',
      'otherHandling.overdueCorrection',
      'otherHandling.overdueFee',
      'otherHandling.other',
      'otherHandling.total',
      'processedTotal',
      'carriedForward',
    ],
    applications: { ...outcomes, newReceived: handled, processedTotal: handled },
    reviews: { reconsideration: { upheld: reviews.upheld ?? 0, corrected: reviews.corrected ?? 0 } },
    text: { overview: `${organ}${year}年政府信息公开工作概述。`, problems: `${organ}${year}年存在的问题。`, other: '无。' },
  });
}
