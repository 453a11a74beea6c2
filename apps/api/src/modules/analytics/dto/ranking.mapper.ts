import type { MetricValue } from '@gongkai/report-template';
import type { JurisdictionType } from '../../jurisdictions/dto/jurisdiction.types.js';
import type { RankingRowType } from './analytics.types.js';

/**
 * A ranking row as the API shows it, its fields written out: a province's ranking has thousands of
 * rows, and copying each by spreading cost more than building it (a CPU profile put ~0.5 ms of a
 * 250-row ranking into the spreads).
 */
export function rankingRow(unitId: number, v: MetricValue, place: { rank: number | null; percentile: number | null }, unit: JurisdictionType): RankingRowType {
  return {
    unitId,
    unit,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    smallSample: v.smallSample,
    low: v.low,
    high: v.high,
    rank: place.rank,
    percentile: place.percentile,
  };
}
