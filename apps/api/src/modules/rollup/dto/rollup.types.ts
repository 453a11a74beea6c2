import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../../common/json.scalar.js';
import { JurisdictionType } from '../../jurisdictions/dto/jurisdiction.types.js';

@ObjectType('RollupUnit', { description: 'A reporting unit of the scope and where its report for the year stands' })
export class RollupUnitType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field({ description: 'published; to the scope’s office: missing, submitted, accepted or returned; to others: notPublished' })
  state: string;
  @Field(() => String, { nullable: true, description: '2021 or 2019 (the published report’s template version)' })
  templateVersion: string | null;
  @Field(() => ID, { nullable: true, description: 'The published version summed' })
  versionId: string | null;
  @Field({ description: 'The statutory deadline' })
  deadline: string;
  @Field(() => String, { nullable: true, description: 'Dashboard link to the unit’s report' })
  reportUrl: string | null;
}

@ObjectType('RollupContribution')
export class RollupContributionType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => Float, { nullable: true, description: 'The unit’s published figure; null when its report left the cell blank (summed as 0)' })
  value: number | null;
  @Field(() => ID)
  versionId: string;
  @Field({ description: 'Dashboard link to the unit’s report' })
  reportUrl: string;
}

@ObjectType('RollupCell', { description: 'One cell of the compiled tables and the units behind it' })
export class RollupCellType {
  @Field()
  key: string;
  @Field()
  label: string;
  @Field(() => Float)
  value: number;
  @Field(() => [RollupContributionType])
  contributions: RollupContributionType[];
}

@ObjectType('RollupYoy', { description: 'A headline figure and its change on the previous year (same scope)' })
export class RollupYoyType {
  @Field()
  metric: string;
  @Field()
  label: string;
  @Field()
  labelEn: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field(() => Float, { nullable: true })
  previous: number | null;
  @Field(() => Float, { nullable: true })
  change: number | null;
  @Field(() => Float, { nullable: true })
  relativeChange: number | null;
}

@ObjectType('RollupRuleBreak')
export class RollupRuleBreakType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field()
  message: string;
  @Field(() => ID, { nullable: true, description: 'The unit’s published version summed (null for a unit counted last year only)' })
  versionId: string | null;
  @Field()
  reportUrl: string;
}

@ObjectType('RollupCheck', { description: 'A rule of the template broken by the totals, and the units whose own figures break it' })
export class RollupCheckType {
  @Field()
  rule: string;
  @Field()
  severity: string;
  @Field()
  message: string;
  @Field(() => [String])
  cells: string[];
  @Field(() => Float, { nullable: true })
  expected: number | null;
  @Field(() => Float, { nullable: true })
  found: number | null;
  @Field(() => [RollupRuleBreakType])
  units: RollupRuleBreakType[];
}

@ObjectType('RollupCellChange')
export class RollupCellChangeType {
  @Field()
  key: string;
  @Field()
  label: string;
  @Field(() => Float)
  before: number;
  @Field(() => Float)
  after: number;
}

@ObjectType('RollupChanges', { description: 'What changed between an earlier compile (or a frozen copy) and now' })
export class RollupChangesType {
  @Field({ description: 'The data version compared with' })
  since: string;
  @Field()
  dataVersion: string;
  @Field()
  changed: boolean;
  @Field(() => [RollupCellChangeType])
  cells: RollupCellChangeType[];
  @Field(() => [JurisdictionType])
  unitsAdded: JurisdictionType[];
  @Field(() => [JurisdictionType])
  unitsRemoved: JurisdictionType[];
  @Field(() => [JurisdictionType], { description: 'Units whose published version is another one now' })
  unitsRepublished: JurisdictionType[];
}

@ObjectType('RollupFrozen', { description: 'A roll-up an office froze: its data version and .docx, kept after later changes' })
export class RollupFrozenType {
  @Field(() => ID)
  id: string;
  @Field(() => Int)
  year: number;
  @Field()
  includeOwnOffice: boolean;
  @Field()
  dataVersion: string;
  @Field()
  frozenAt: Date;
  @Field(() => String, { nullable: true })
  frozenBy: string | null;
  @Field(() => String, { nullable: true })
  note: string | null;
  @Field()
  docxUrl: string;
}

@ObjectType('RollupReport', { description: 'A county’s (city’s, province’s) own report compiled from its units’ published reports' })
export class RollupReportType {
  @Field(() => JurisdictionType)
  scope: JurisdictionType;
  @Field(() => Int)
  year: number;
  @Field()
  includeOwnOffice: boolean;
  @Field(() => JurisdictionType, { nullable: true, description: 'The scope’s own government office' })
  ownOffice: JurisdictionType | null;
  @Field({ description: 'The published-data version the roll-up was compiled from' })
  dataVersion: string;
  @Field({ description: '口径 version' })
  metricsVersion: string;
  @Field(() => JSONScalar, { description: 'The canonical report, as `gongkai parse --json` writes it (2021 layout)' })
  data: unknown;
  @Field(() => [RollupUnitType])
  included: RollupUnitType[];
  @Field(() => [RollupUnitType], { description: 'Units with no published report for the year' })
  missing: RollupUnitType[];
  @Field(() => [RollupYoyType])
  yoy: RollupYoyType[];
  @Field(() => [RollupCheckType], { description: 'Rules of the template the totals break (empty when consistent)' })
  checks: RollupCheckType[];
  @Field(() => [String], { description: 'Suggested sentences for section 一 with the figures filled in' })
  prose: string[];
  @Field()
  docxUrl: string;
  @Field()
  csvUrl: string;
}
