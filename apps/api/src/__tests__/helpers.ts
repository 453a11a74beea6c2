import { randomReport, renderReport } from '@gongkai/report-render';
import { APPLICANT_KEYS, type CanonicalReport, emptyReport, setPath } from '@gongkai/report-template';

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
  outcomes: Record<string, number>,
  reviews: { upheld?: number; corrected?: number } = {},
): CanonicalReport {
  const r = emptyReport('2021');
  r.organ = organ;
  r.year = year;
  for (const row of [
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
  ]) {
    for (const c of APPLICANT_KEYS) setPath(r.applications, `${row}.${c}`, 0);
  }
  let handled = 0;
  for (const [row, n] of Object.entries(outcomes)) {
    setPath(r.applications, `${row}.naturalPerson`, n);
    setPath(r.applications, `${row}.total`, n);
    handled += n;
  }
  for (const row of ['newReceived', 'processedTotal']) {
    setPath(r.applications, `${row}.naturalPerson`, handled);
    setPath(r.applications, `${row}.total`, handled);
  }
  r.proactive = {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
    licensing: 0,
    penalties: 0,
    coercion: 0,
    feesWan: 0,
  };
  const upheld = reviews.upheld ?? 0;
  const corrected = reviews.corrected ?? 0;
  r.reviews.reconsideration = { upheld, corrected, other: 0, pending: 0, total: upheld + corrected };
  for (const g of ['litigationDirect', 'litigationAfterReconsideration']) r.reviews[g] = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  r.text = { overview: `${organ}${year}年政府信息公开工作概述。`, problems: `${organ}${year}年存在的问题。`, other: '无。' };
  return r;
}
