import { randomReport, renderReport } from '@gongkai/report-render';
import type { CanonicalReport } from '@gongkai/report-template';

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

export const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { created report { id year versionCount version { id version status findings { id rule severity } } } } }`;
