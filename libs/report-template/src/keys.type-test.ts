/**
 * Compile-time checks of the typed keys: `tsc -b` fails if a misspelt key is accepted (an unused
 * `@ts-expect-error` is itself an error) or a real key is refused. Nothing here runs.
 */
import type { ApplicationRowKey, CellPath, MetricKey } from './index.js';

export const cellKeys: readonly CellPath[] = [
  'applications.otherHandling.total.total',
  'applications.denied.stateSecret.naturalPerson',
  'reviews.litigationAfterReconsideration.pending',
  'proactive.licensing',
  'proactive.normativeDocuments.inForce',
  'proactive.v2019.fees.change',
  'proactive.v2019.procurement.amountWan',
];

export const metricKeys: readonly MetricKey[] = ['applications.received', 'rate.disclosure', 'perCapita.applications', 'applications.granted.total'];

export const rowKey: ApplicationRowKey = 'unavailable.notHeld';

// @ts-expect-error misspelt row (otherHanding)
export const badRow: CellPath = 'applications.otherHanding.total.total';
// @ts-expect-error misspelt applicant column
export const badColumn: CellPath = 'applications.granted.naturalPersons';
// @ts-expect-error a row key without its column is no cell
export const noColumn: CellPath = 'applications.granted';
// @ts-expect-error misspelt review group
export const badGroup: CellPath = 'reviews.reconsiderations.total';
// @ts-expect-error table 二 item without columns takes none
export const extraColumn: CellPath = 'proactive.licensing.total';
// @ts-expect-error misspelt 2019 column
export const bad2019: CellPath = 'proactive.v2019.regulations.issued';
// @ts-expect-error misspelt metric
export const badMetric: MetricKey = 'rate.disclosures';
// @ts-expect-error a metric is not a row
export const badMetricRow: MetricKey = 'applications.granted';
// @ts-expect-error misspelt row key
export const badRowKey: ApplicationRowKey = 'unavailable.notHold';
