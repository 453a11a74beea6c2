import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../../common/connection.js';
import { enumOf } from '../../../common/enum.js';
import { JSONScalar } from '../../../common/json.scalar.js';
import { JurisdictionType } from '../../jurisdictions/dto/jurisdiction.types.js';
import { DECISIONS, type Decision } from '../finding.entity.js';
import { VERSION_STATUSES, type VersionStatus } from '../report-version.entity.js';

export const VersionStatusGql = enumOf(VERSION_STATUSES);
export type VersionStatusGql = VersionStatus;
registerEnumType(VersionStatusGql, { name: 'VersionStatus', description: 'submitted → returned (with a reason) | accepted → published' });

/** A unit's report for a year: not submitted yet, or its latest version's status. */
export const SubmissionStateGql = enumOf(['missing', ...VERSION_STATUSES] as const);
export type SubmissionStateGql = keyof typeof SubmissionStateGql;
registerEnumType(SubmissionStateGql, { name: 'SubmissionState' });

export const DecisionGql = enumOf(DECISIONS);
export type DecisionGql = Decision;
registerEnumType(DecisionGql, { name: 'FindingDecision' });

@ObjectType('Finding', { description: 'A broken consistency rule or a parsing problem, with the cells it concerns.' })
export class FindingType {
  @Field(() => ID)
  id: string;
  @Field({ description: 'Stable rule id, e.g. applications.outcomeSum' })
  rule: string;
  @Field({ description: 'error, warning or info' })
  severity: string;
  @Field()
  message: string;
  @Field(() => [String], { description: 'Dotted key paths of the cells concerned' })
  cells: string[];
  @Field(() => Float, { nullable: true })
  expected: number | null;
  @Field(() => Float, { nullable: true })
  found: number | null;
  @Field(() => DecisionGql)
  decision: DecisionGql;
  @Field(() => String, { nullable: true })
  decisionReason: string | null;
  @Field(() => String, { nullable: true, description: 'Who decided: for the unit’s clerk and its county’s admins only' })
  decidedBy: string | null;
  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType('Figure', { description: 'One number of the report, traceable to the cell it came from.' })
export class FigureType {
  @Field({ description: 'Canonical key, e.g. applications.granted.total' })
  key: string;
  @Field({ description: 'The template label, e.g. 三（一）予以公开·总计' })
  label: string;
  @Field(() => Float, { nullable: true, description: 'null where the report left the cell blank' })
  value: number | null;
  @Field(() => JSONScalar, { nullable: true, description: 'Where it came from: line, table/row/col or page/x/y, and the raw cell text' })
  source: unknown;
}

@ObjectType('ReportVersion', { description: 'An immutable submission of a report.' })
export class ReportVersionType {
  /** Not in the schema: whether the reader may see the unit's unpublished versions. */
  insider: boolean;
  @Field(() => ID)
  id: string;
  @Field(() => Int)
  version: number;
  @Field(() => VersionStatusGql)
  status: VersionStatusGql;
  @Field()
  fileName: string;
  @Field()
  mediaType: string;
  @Field()
  sha256: string;
  @Field(() => Int)
  size: number;
  @Field({ description: '"2021" or "2019"' })
  templateVersion: string;
  @Field(() => String, { nullable: true, description: 'The body named in the title' })
  organ: string | null;
  @Field(() => String, { nullable: true, description: 'Issue date the report states (YYYY-MM-DD)' })
  publishedDate: string | null;
  @Field(() => String, { nullable: true })
  returnReason: string | null;
  @Field(() => String, { nullable: true, description: 'Who submitted it: for the unit’s clerk and its county’s admins only' })
  submittedBy: string | null;
  @Field()
  submittedAt: Date;
  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;
  @Field({ description: 'Demo data made up by Gongkai, not a real report' })
  synthetic: boolean;
  @Field(() => JSONScalar, { description: 'The canonical report (report-data.md)' })
  data: unknown;
  @Field(() => JSONScalar, { description: 'Per-cell provenance keyed by canonical key' })
  provenance: unknown;
  @Field({ description: 'Where to download the original file' })
  fileUrl: string;
}

@ObjectType('Report', { description: "One body's report for one year." })
export class ReportType {
  /** Not in the schema: whether the reader may see the unit's unpublished versions. */
  insider: boolean;
  /** Not in the schema: every version, published or not (`versionCount` shows it to insiders). */
  allVersions: number;
  @Field(() => ID)
  id: string;
  @Field(() => Int)
  year: number;
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => ReportVersionType, { description: 'The version shown: current for insiders, published for everyone else' })
  version: ReportVersionType;
  @Field(() => ID, { nullable: true })
  publishedVersionId: string | null;
}

export const ReportConnection = Connection(ReportType, 'Report');

@ObjectType('UnitSubmission')
export class UnitSubmissionType {
  @Field(() => JurisdictionType)
  unit: JurisdictionType;
  @Field(() => Int)
  year: number;
  @Field(() => SubmissionStateGql)
  state: SubmissionStateGql;
  @Field({ description: '31 January of the next year (31 March for the county government)' })
  deadline: string;
  @Field(() => Boolean, { nullable: true, description: 'Published (stated date) or first submitted by the deadline; null while missing' })
  onTime: boolean | null;
  @Field(() => ReportType, { nullable: true })
  report: ReportType | null;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id: string;
  @Field()
  at: Date;
  @Field()
  actor: string;
  @Field()
  action: string;
  @Field(() => JSONScalar)
  details: unknown;
}
export const AuditConnection = Connection(AuditEntryType, 'AuditEntry');

@InputType({ description: 'A county admin files a report whose title names another body, saying why (audited).' })
export class UnitOverrideInput {
  @Field({ description: 'Why this report belongs to the unit although its title names another body (1–1000 characters)' })
  reason: string;
}

@InputType()
export class SubmitReportInput {
  @Field(() => ID)
  jurisdictionId: string;
  @Field(() => Int, { nullable: true, description: "Must agree with the title's year when given" })
  year?: number | null;
  @Field()
  fileName: string;
  @Field({ description: 'The file, base64-encoded (or POST the bytes to /api/reports)' })
  contentBase64: string;
  @Field(() => UnitOverrideInput, {
    nullable: true,
    description: 'County admins: store it although the title names another body (otherwise WRONG_UNIT); the reason is audited',
  })
  overrideUnit?: UnitOverrideInput | null;
}

@InputType()
export class ValidateReportInput {
  @Field()
  fileName: string;
  @Field()
  contentBase64: string;
  @Field(() => ID, { nullable: true, description: 'The unit it is meant for: a title naming another body is refused (WRONG_UNIT), as on submitting' })
  jurisdictionId?: string | null;
  @Field(() => UnitOverrideInput, { nullable: true, description: 'As in SubmitReportInput' })
  overrideUnit?: UnitOverrideInput | null;
}

@ObjectType()
export class SubmitResult {
  @Field({ description: 'false: the same file was already a version of this report' })
  created: boolean;
  @Field(() => ReportType)
  report: ReportType;
}

@ObjectType('DryRun', { description: 'What a file reads as, without storing anything.' })
export class DryRunType {
  @Field(() => Int, { nullable: true })
  year: number | null;
  @Field(() => String, { nullable: true })
  organ: string | null;
  @Field()
  templateVersion: string;
  @Field(() => JSONScalar)
  data: unknown;
  @Field(() => JSONScalar)
  provenance: unknown;
  @Field(() => JSONScalar, { description: 'Findings as the parser and validator give them' })
  findings: unknown;
}
