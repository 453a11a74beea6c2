import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../../common/connection.js';
import { JurisdictionKindGql, JurisdictionType } from '../../jurisdictions/dto/jurisdiction.types.js';

export enum GroupByGql {
  year = 'year',
  unit = 'unit',
  parent = 'parent',
  kind = 'kind',
}
registerEnumType(GroupByGql, { name: 'MetricGroupBy', description: 'year, unit, parent (the unit’s parent, e.g. its county) or kind' });

export enum DirectionGql {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(DirectionGql, { name: 'SortDirection' });

@InputType()
export class MetricScopeInput {
  @Field(() => ID, { nullable: true, description: 'Everything under this unit (and the unit itself)' })
  under?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Only these units' })
  units?: string[] | null;
  @Field(() => [JurisdictionKindGql], { nullable: true, description: 'Only these kinds of unit' })
  kinds?: JurisdictionKindGql[] | null;
}

@InputType()
export class MetricOrderInput {
  @Field()
  metric: string;
  @Field(() => DirectionGql, { defaultValue: DirectionGql.DESC })
  direction: DirectionGql;
}

@ObjectType('MetricValue')
export class MetricValueType {
  @Field(() => Float, { nullable: true, description: 'null for a rate whose denominator is 0' })
  value: number | null;
  @Field(() => Float)
  numerator: number;
  @Field(() => Float, { nullable: true, description: 'rates only' })
  denominator: number | null;
  @Field({ description: 'a rate over fewer than 30 cases' })
  smallSample: boolean;
  @Field(() => Float, { nullable: true, description: '95 % Wilson interval, rates only' })
  low: number | null;
  @Field(() => Float, { nullable: true })
  high: number | null;
}

@ObjectType('MetricRow', { description: 'One group × one metric (long format: an ECharts dataset uses it directly).' })
export class MetricRowType extends MetricValueType {
  @Field()
  metric: string;
  @Field(() => Int, { nullable: true })
  year: number | null;
  @Field(() => JurisdictionType, { nullable: true })
  unit: JurisdictionType | null;
  @Field(() => JurisdictionType, { nullable: true })
  parent: JurisdictionType | null;
  @Field(() => String, { nullable: true })
  kind: string | null;
  @Field(() => Int, { description: 'Reports counted in this group' })
  reports: number;
  unitId: number | null;
  parentId: number | null;
}
export const MetricRowConnection = Connection(MetricRowType, 'MetricRow');

@ObjectType('MetricDefinition')
export class MetricDefinitionType {
  @Field()
  key: string;
  @Field()
  zh: string;
  @Field()
  en: string;
  @Field({ description: 'sum or rate' })
  kind: string;
  @Field({ description: '口径, in Chinese' })
  formulaZh: string;
  @Field()
  formulaEn: string;
}

@ObjectType('YoyRow')
export class YoyRowType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => Float, { nullable: true })
  from: number | null;
  @Field(() => Float, { nullable: true })
  to: number | null;
  @Field(() => Float, { nullable: true })
  change: number | null;
  @Field(() => Float, { nullable: true, description: 'change ÷ from; null when from is 0 or missing' })
  relativeChange: number | null;
  unitId: number;
}

@ObjectType('RankingRow')
export class RankingRowType extends MetricValueType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => Int, { nullable: true, description: '1 = highest (lowest when ascending); ties share a rank' })
  rank: number | null;
  @Field(() => Float, { nullable: true, description: 'share of peers strictly below, 0–1' })
  percentile: number | null;
  unitId: number;
}

@ObjectType('Quartiles')
export class QuartilesType {
  @Field(() => Float, { nullable: true })
  p25: number | null;
  @Field(() => Float, { nullable: true })
  p50: number | null;
  @Field(() => Float, { nullable: true })
  p75: number | null;
}

@ObjectType('Ranking')
export class RankingType {
  @Field()
  metric: string;
  @Field(() => Int)
  year: number;
  @Field(() => Int, { description: 'Units with a value' })
  count: number;
  @Field(() => QuartilesType)
  quartiles: QuartilesType;
  @Field(() => [RankingRowType])
  rows: RankingRowType[];
}

@ObjectType('Anomaly')
export class AnomalyType {
  @Field({ description: 'spike, zeroAmongPeers, continuityBreak, copiedFigures or copiedText' })
  kind: string;
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => Int)
  year: number;
  @Field(() => JurisdictionType, { nullable: true, description: 'The unit copied from (copies)' })
  otherUnit: JurisdictionType | null;
  @Field(() => Int, { nullable: true })
  otherYear: number | null;
  @Field(() => String, { nullable: true })
  metric: string | null;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field(() => Float, { nullable: true, description: 'What was expected: the unit’s median, the peers’ median, last year’s figure' })
  expected: number | null;
  @Field(() => Float, { nullable: true, description: 'Robust z-score (spikes)' })
  score: number | null;
  @Field()
  message: string;
}

@ObjectType('OpenFindings')
export class OpenFindingsType {
  @Field()
  rule: string;
  @Field()
  severity: string;
  @Field(() => Int)
  count: number;
  @Field(() => Int, { description: 'Reports concerned' })
  units: number;
}

@ObjectType('QualitySubmissions')
export class QualitySubmissionsType {
  @Field(() => Int)
  expected: number;
  @Field(() => Int)
  missing: number;
  @Field(() => Int)
  late: number;
  @Field(() => Int)
  returned: number;
  @Field(() => [JurisdictionType])
  missingUnits: JurisdictionType[];
  @Field(() => [JurisdictionType])
  lateUnits: JurisdictionType[];
  @Field(() => [JurisdictionType])
  returnedUnits: JurisdictionType[];
}

@ObjectType('DataQuality')
export class DataQualityType {
  @Field(() => QualitySubmissionsType, { nullable: true, description: 'For a county, when you may see its submission status' })
  submissions: QualitySubmissionsType | null;
  @Field(() => [OpenFindingsType])
  openFindings: OpenFindingsType[];
  @Field(() => [AnomalyType])
  anomalies: AnomalyType[];
}
