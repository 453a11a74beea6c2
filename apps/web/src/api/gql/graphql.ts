/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type FindingDecision =
  | 'confirmed'
  | 'dismissed'
  | 'open';

/** province, city, county, township, town, street, department, government: township = 乡, town = 镇, street = 街道, department = 县直部门, government = 县级人民政府 */
export type JurisdictionKind =
  | 'city'
  | 'county'
  | 'department'
  | 'government'
  | 'province'
  | 'street'
  | 'town'
  | 'township';

/** year, unit, parent (the unit’s parent, e.g. its county) or kind */
export type MetricGroupBy =
  | 'kind'
  | 'parent'
  | 'unit'
  | 'year';

export type MetricOrderInput = {
  direction?: SortDirection;
  metric: string;
};

export type MetricScopeInput = {
  /** Only these kinds of unit */
  kinds?: Array<JurisdictionKind> | null | undefined;
  /** Everything under this unit (and the unit itself) */
  under?: string | null | undefined;
  /** Only these units */
  units?: Array<string> | null | undefined;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type SubmissionState =
  | 'accepted'
  | 'missing'
  | 'published'
  | 'returned'
  | 'submitted';

export type SubmitReportInput = {
  /** The file, base64-encoded (or POST the bytes to /api/reports) */
  contentBase64: string;
  fileName: string;
  jurisdictionId: string;
  /** County admins: store it although the title names another body (otherwise WRONG_UNIT); the reason is audited */
  overrideUnit?: UnitOverrideInput | null | undefined;
  /** Must agree with the title's year when given */
  year?: number | null | undefined;
};

/** A county admin files a report whose title names another body, saying why (audited). */
export type UnitOverrideInput = {
  /** Why this report belongs to the unit although its title names another body (1–1000 characters) */
  reason: string;
};

export type ValidateReportInput = {
  contentBase64: string;
  fileName: string;
  /** The unit it is meant for: a title naming another body is refused (WRONG_UNIT), as on submitting */
  jurisdictionId?: string | null | undefined;
  /** As in SubmitReportInput */
  overrideUnit?: UnitOverrideInput | null | undefined;
};

/** submitted → returned (with a reason) | accepted → published */
export type VersionStatus =
  | 'accepted'
  | 'published'
  | 'returned'
  | 'submitted';

export type UnitRefFragment = { id: string, name: string, kind: JurisdictionKind, code: string | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, displayName: string, role: string, jurisdiction: { id: string, name: string, kind: JurisdictionKind, code: string | null } | null } | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { id: string, username: string, displayName: string, role: string, jurisdiction: { id: string, name: string, kind: JurisdictionKind, code: string | null } | null } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type CountiesQueryVariables = Exact<{ [key: string]: never; }>;


export type CountiesQuery = { jurisdictions: { edges: Array<{ node: { id: string, name: string, kind: JurisdictionKind, code: string | null, parent: { id: string, name: string } | null } }> } };

export type UnitsQueryVariables = Exact<{
  under: string;
}>;


export type UnitsQuery = { jurisdictions: { totalCount: number, edges: Array<{ node: { validFrom: number | null, validTo: number | null, id: string, name: string, kind: JurisdictionKind, code: string | null, predecessor: { id: string } | null } }> } };

export type MetricDefinitionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MetricDefinitionsQuery = { metricsVersion: string, metricDefinitions: Array<{ key: string, zh: string, en: string, kind: string, formulaZh: string, formulaEn: string }> };

export type MetricsQueryVariables = Exact<{
  metrics: Array<string> | string;
  scope?: MetricScopeInput | null | undefined;
  years?: Array<number> | number | null | undefined;
  groupBy?: Array<MetricGroupBy> | MetricGroupBy | null | undefined;
  orderBy?: MetricOrderInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MetricsQuery = { metrics: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { metric: string, year: number | null, kind: string | null, value: number | null, numerator: number, denominator: number | null, low: number | null, high: number | null, smallSample: boolean, reports: number, unit: { id: string, name: string, kind: JurisdictionKind } | null } }> } };

export type RankingQueryVariables = Exact<{
  metric: string;
  under?: string | null | undefined;
  year: number;
  kinds?: Array<JurisdictionKind> | JurisdictionKind | null | undefined;
}>;


export type RankingQuery = { ranking: { metric: string, year: number, count: number, quartiles: { p25: number | null, p50: number | null, p75: number | null }, rows: Array<{ rank: number | null, percentile: number | null, value: number | null, numerator: number, denominator: number | null, low: number | null, high: number | null, smallSample: boolean, unit: { id: string, name: string, kind: JurisdictionKind } }> } };

export type YoyQueryVariables = Exact<{
  metric: string;
  from: number;
  to: number;
  under?: string | null | undefined;
  kinds?: Array<JurisdictionKind> | JurisdictionKind | null | undefined;
}>;


export type YoyQuery = { yoy: Array<{ from: number | null, to: number | null, change: number | null, relativeChange: number | null, unit: { id: string, name: string, kind: JurisdictionKind } }> };

export type FindingFieldsFragment = { id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null };

export type ReportQueryVariables = Exact<{
  jurisdictionId: string;
  year: number;
  version?: number | null | undefined;
}>;


export type ReportQuery = { report: { id: string, year: number, versionCount: number, publishedVersionId: string | null, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null, parent: { id: string, name: string } | null }, version: { id: string, version: number, status: VersionStatus, data: unknown, provenance: unknown, fileName: string, fileUrl: string, mediaType: string, organ: string | null, publishedDate: string | null, templateVersion: string, synthetic: boolean, submittedAt: string, submittedBy: string | null, returnReason: string | null, reviewedAt: string | null, sha256: string, size: number, findings: Array<{ id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null }> }, versions: Array<{ id: string, version: number, status: VersionStatus, submittedAt: string, submittedBy: string | null, fileName: string, returnReason: string | null, synthetic: boolean }> } };

export type SubmissionStatusQueryVariables = Exact<{
  countyId: string;
  year: number;
}>;


export type SubmissionStatusQuery = { submissionStatus: Array<{ state: SubmissionState, onTime: boolean | null, deadline: string, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, report: { id: string, publishedVersionId: string | null } | null }> };

export type DataQualityQueryVariables = Exact<{
  under: string;
  year: number;
}>;


export type DataQualityQuery = { dataQuality: { openFindings: Array<{ rule: string, severity: string, count: number, units: number }>, anomalies: Array<{ kind: string, message: string, metric: string | null, value: number | null, expected: number | null, score: number | null, year: number, otherYear: number | null, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, otherUnit: { id: string, name: string, kind: JurisdictionKind, code: string | null } | null }>, submissions: { expected: number, missing: number, late: number, returned: number } | null } };

export type ReportSummaryFragment = { id: string, year: number, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, version: { id: string, version: number, status: VersionStatus, findings: Array<{ id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null }> } };

export type ReportsWithFindingsQueryVariables = Exact<{
  under: string;
  year: number;
}>;


export type ReportsWithFindingsQuery = { reports: { edges: Array<{ node: { id: string, year: number, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, version: { id: string, version: number, status: VersionStatus, findings: Array<{ id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null }> } } }> } };

export type ValidateReportFileMutationVariables = Exact<{
  input: ValidateReportInput;
}>;


export type ValidateReportFileMutation = { validateReportFile: { data: unknown, findings: unknown, provenance: unknown, templateVersion: string, year: number | null, organ: string | null } };

export type SubmitReportMutationVariables = Exact<{
  input: SubmitReportInput;
}>;


export type SubmitReportMutation = { submitReport: { created: boolean, report: { id: string, year: number, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, version: { id: string, version: number, status: VersionStatus, findings: Array<{ id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null }> } } } };

export type AcceptReportMutationVariables = Exact<{
  versionId: string;
}>;


export type AcceptReportMutation = { acceptReport: { id: string, status: VersionStatus } };

export type PublishReportMutationVariables = Exact<{
  versionId: string;
}>;


export type PublishReportMutation = { publishReport: { id: string, status: VersionStatus } };

export type ReturnReportMutationVariables = Exact<{
  versionId: string;
  reason: string;
}>;


export type ReturnReportMutation = { returnReport: { id: string, status: VersionStatus, returnReason: string | null } };

export type DecideFindingMutationVariables = Exact<{
  findingId: string;
  decision: FindingDecision;
  reason?: string | null | undefined;
}>;


export type DecideFindingMutation = { decideFinding: { id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null } };

export type SyntheticShareQueryVariables = Exact<{
  under: string;
  year?: number | null | undefined;
}>;


export type SyntheticShareQuery = { reports: { totalCount: number, edges: Array<{ node: { version: { synthetic: boolean } } }> } };

export type UnitMetricsQueryVariables = Exact<{
  metrics: Array<string> | string;
  scope?: MetricScopeInput | null | undefined;
  years?: Array<number> | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UnitMetricsQuery = { metrics: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { metric: string, year: number | null, value: number | null, numerator: number, denominator: number | null, smallSample: boolean, reports: number, unit: { id: string, name: string } | null } }> } };

export type RollupReportQueryVariables = Exact<{
  scope: string;
  year: number;
  includeOwnOffice?: boolean | null | undefined;
}>;


export type RollupReportQuery = { rollupReport: { year: number, includeOwnOffice: boolean, dataVersion: string, metricsVersion: string, data: unknown, prose: Array<string>, docxUrl: string, csvUrl: string, scope: { id: string, name: string }, ownOffice: { id: string, name: string } | null, included: Array<{ state: string, templateVersion: string | null, versionId: string | null, reportUrl: string | null, unit: { id: string, name: string, kind: JurisdictionKind } }>, missing: Array<{ state: string, deadline: string, reportUrl: string | null, unit: { id: string, name: string, kind: JurisdictionKind } }>, yoy: Array<{ metric: string, label: string, labelEn: string, value: number | null, previous: number | null, change: number | null, relativeChange: number | null }>, checks: Array<{ rule: string, severity: string, message: string, cells: Array<string>, units: Array<{ message: string, reportUrl: string, unit: { id: string, name: string } }> }>, frozen: Array<{ id: string, dataVersion: string, includeOwnOffice: boolean, frozenAt: string, frozenBy: string | null, note: string | null, docxUrl: string }> } };

export type RollupCellQueryVariables = Exact<{
  scope: string;
  year: number;
  includeOwnOffice?: boolean | null | undefined;
  key: string;
}>;


export type RollupCellQuery = { rollupReport: { dataVersion: string, contributions: { key: string, label: string, value: number, contributions: Array<{ value: number | null, versionId: string, reportUrl: string, unit: { id: string, name: string } }> } } };

export type RollupChangesQueryVariables = Exact<{
  scope: string;
  year: number;
  includeOwnOffice?: boolean | null | undefined;
  since?: string | null | undefined;
  frozenId?: string | null | undefined;
}>;


export type RollupChangesQuery = { rollupReport: { dataVersion: string, changes: { since: string, dataVersion: string, changed: boolean, cells: Array<{ key: string, label: string, before: number, after: number }>, unitsAdded: Array<{ id: string, name: string }>, unitsRemoved: Array<{ id: string, name: string }>, unitsRepublished: Array<{ id: string, name: string }> } } };

export type FreezeRollupMutationVariables = Exact<{
  scope: string;
  year: number;
  includeOwnOffice?: boolean | null | undefined;
  dataVersion?: string | null | undefined;
  note?: string | null | undefined;
}>;


export type FreezeRollupMutation = { freezeRollup: { id: string, dataVersion: string, frozenAt: string, frozenBy: string | null, note: string | null, docxUrl: string } };

export type MyReportsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyReportsQuery = { myReports: Array<{ year: number, state: SubmissionState, onTime: boolean | null, deadline: string, unit: { id: string, name: string, kind: JurisdictionKind, code: string | null }, report: { id: string, year: number, publishedVersionId: string | null, version: { id: string, version: number, status: VersionStatus, returnReason: string | null, reviewedAt: string | null, submittedAt: string, findings: Array<{ id: string, rule: string, severity: string, message: string, cells: Array<string>, expected: number | null, found: number | null, decision: FindingDecision, decidedBy: string | null, decidedAt: string | null, decisionReason: string | null }> } } | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UnitRefFragmentDoc = new TypedDocumentString(`
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
    `, {"fragmentName":"UnitRef"}) as unknown as TypedDocumentString<UnitRefFragment, unknown>;
export const FindingFieldsFragmentDoc = new TypedDocumentString(`
    fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}
    `, {"fragmentName":"FindingFields"}) as unknown as TypedDocumentString<FindingFieldsFragment, unknown>;
export const ReportSummaryFragmentDoc = new TypedDocumentString(`
    fragment ReportSummary on Report {
  id
  year
  unit {
    ...UnitRef
  }
  version {
    id
    version
    status
    findings {
      ...FindingFields
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}`, {"fragmentName":"ReportSummary"}) as unknown as TypedDocumentString<ReportSummaryFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    displayName
    role
    jurisdiction {
      ...UnitRef
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    expiresAt
    user {
      id
      username
      displayName
      role
      jurisdiction {
        ...UnitRef
      }
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const CountiesDocument = new TypedDocumentString(`
    query Counties {
  jurisdictions(kinds: [county], first: 100) {
    edges {
      node {
        ...UnitRef
        parent {
          id
          name
        }
      }
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<CountiesQuery, CountiesQueryVariables>;
export const UnitsDocument = new TypedDocumentString(`
    query Units($under: ID!) {
  jurisdictions(
    under: $under
    kinds: [township, town, street, department, government]
    first: 100
  ) {
    totalCount
    edges {
      node {
        ...UnitRef
        validFrom
        validTo
        predecessor {
          id
        }
      }
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<UnitsQuery, UnitsQueryVariables>;
export const MetricDefinitionsDocument = new TypedDocumentString(`
    query MetricDefinitions {
  metricsVersion
  metricDefinitions {
    key
    zh
    en
    kind
    formulaZh
    formulaEn
  }
}
    `) as unknown as TypedDocumentString<MetricDefinitionsQuery, MetricDefinitionsQueryVariables>;
export const MetricsDocument = new TypedDocumentString(`
    query Metrics($metrics: [String!]!, $scope: MetricScopeInput, $years: [Int!], $groupBy: [MetricGroupBy!], $orderBy: MetricOrderInput, $first: Int, $after: String) {
  metrics(
    metrics: $metrics
    scope: $scope
    years: $years
    groupBy: $groupBy
    orderBy: $orderBy
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        metric
        year
        kind
        value
        numerator
        denominator
        low
        high
        smallSample
        reports
        unit {
          id
          name
          kind
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MetricsQuery, MetricsQueryVariables>;
export const RankingDocument = new TypedDocumentString(`
    query Ranking($metric: String!, $under: ID, $year: Int!, $kinds: [JurisdictionKind!]) {
  ranking(metric: $metric, under: $under, year: $year, kinds: $kinds) {
    metric
    year
    count
    quartiles {
      p25
      p50
      p75
    }
    rows {
      rank
      percentile
      value
      numerator
      denominator
      low
      high
      smallSample
      unit {
        id
        name
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RankingQuery, RankingQueryVariables>;
export const YoyDocument = new TypedDocumentString(`
    query Yoy($metric: String!, $from: Int!, $to: Int!, $under: ID, $kinds: [JurisdictionKind!]) {
  yoy(metric: $metric, from: $from, to: $to, under: $under, kinds: $kinds) {
    from
    to
    change
    relativeChange
    unit {
      id
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<YoyQuery, YoyQueryVariables>;
export const ReportDocument = new TypedDocumentString(`
    query Report($jurisdictionId: ID!, $year: Int!, $version: Int) {
  report(jurisdictionId: $jurisdictionId, year: $year, version: $version) {
    id
    year
    versionCount
    publishedVersionId
    unit {
      ...UnitRef
      parent {
        id
        name
      }
    }
    version {
      id
      version
      status
      data
      provenance
      fileName
      fileUrl
      mediaType
      organ
      publishedDate
      templateVersion
      synthetic
      submittedAt
      submittedBy
      returnReason
      reviewedAt
      sha256
      size
      findings {
        ...FindingFields
      }
    }
    versions {
      id
      version
      status
      submittedAt
      submittedBy
      fileName
      returnReason
      synthetic
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}`) as unknown as TypedDocumentString<ReportQuery, ReportQueryVariables>;
export const SubmissionStatusDocument = new TypedDocumentString(`
    query SubmissionStatus($countyId: ID!, $year: Int!) {
  submissionStatus(countyId: $countyId, year: $year) {
    state
    onTime
    deadline
    unit {
      ...UnitRef
    }
    report {
      id
      publishedVersionId
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<SubmissionStatusQuery, SubmissionStatusQueryVariables>;
export const DataQualityDocument = new TypedDocumentString(`
    query DataQuality($under: ID!, $year: Int!) {
  dataQuality(under: $under, year: $year) {
    openFindings {
      rule
      severity
      count
      units
    }
    anomalies {
      kind
      message
      metric
      value
      expected
      score
      year
      otherYear
      unit {
        ...UnitRef
      }
      otherUnit {
        ...UnitRef
      }
    }
    submissions {
      expected
      missing
      late
      returned
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}`) as unknown as TypedDocumentString<DataQualityQuery, DataQualityQueryVariables>;
export const ReportsWithFindingsDocument = new TypedDocumentString(`
    query ReportsWithFindings($under: ID!, $year: Int!) {
  reports(under: $under, year: $year, first: 100) {
    edges {
      node {
        ...ReportSummary
      }
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}
fragment ReportSummary on Report {
  id
  year
  unit {
    ...UnitRef
  }
  version {
    id
    version
    status
    findings {
      ...FindingFields
    }
  }
}`) as unknown as TypedDocumentString<ReportsWithFindingsQuery, ReportsWithFindingsQueryVariables>;
export const ValidateReportFileDocument = new TypedDocumentString(`
    mutation ValidateReportFile($input: ValidateReportInput!) {
  validateReportFile(input: $input) {
    data
    findings
    provenance
    templateVersion
    year
    organ
  }
}
    `) as unknown as TypedDocumentString<ValidateReportFileMutation, ValidateReportFileMutationVariables>;
export const SubmitReportDocument = new TypedDocumentString(`
    mutation SubmitReport($input: SubmitReportInput!) {
  submitReport(input: $input) {
    created
    report {
      ...ReportSummary
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}
fragment ReportSummary on Report {
  id
  year
  unit {
    ...UnitRef
  }
  version {
    id
    version
    status
    findings {
      ...FindingFields
    }
  }
}`) as unknown as TypedDocumentString<SubmitReportMutation, SubmitReportMutationVariables>;
export const AcceptReportDocument = new TypedDocumentString(`
    mutation AcceptReport($versionId: ID!) {
  acceptReport(versionId: $versionId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AcceptReportMutation, AcceptReportMutationVariables>;
export const PublishReportDocument = new TypedDocumentString(`
    mutation PublishReport($versionId: ID!) {
  publishReport(versionId: $versionId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PublishReportMutation, PublishReportMutationVariables>;
export const ReturnReportDocument = new TypedDocumentString(`
    mutation ReturnReport($versionId: ID!, $reason: String!) {
  returnReport(versionId: $versionId, reason: $reason) {
    id
    status
    returnReason
  }
}
    `) as unknown as TypedDocumentString<ReturnReportMutation, ReturnReportMutationVariables>;
export const DecideFindingDocument = new TypedDocumentString(`
    mutation DecideFinding($findingId: ID!, $decision: FindingDecision!, $reason: String) {
  decideFinding(findingId: $findingId, decision: $decision, reason: $reason) {
    ...FindingFields
  }
}
    fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}`) as unknown as TypedDocumentString<DecideFindingMutation, DecideFindingMutationVariables>;
export const SyntheticShareDocument = new TypedDocumentString(`
    query SyntheticShare($under: ID!, $year: Int) {
  reports(under: $under, year: $year, first: 100) {
    totalCount
    edges {
      node {
        version {
          synthetic
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SyntheticShareQuery, SyntheticShareQueryVariables>;
export const UnitMetricsDocument = new TypedDocumentString(`
    query UnitMetrics($metrics: [String!]!, $scope: MetricScopeInput, $years: [Int!], $first: Int, $after: String) {
  metrics(
    metrics: $metrics
    scope: $scope
    years: $years
    groupBy: [unit, year]
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        metric
        year
        value
        numerator
        denominator
        smallSample
        reports
        unit {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitMetricsQuery, UnitMetricsQueryVariables>;
export const RollupReportDocument = new TypedDocumentString(`
    query RollupReport($scope: ID!, $year: Int!, $includeOwnOffice: Boolean) {
  rollupReport(scope: $scope, year: $year, includeOwnOffice: $includeOwnOffice) {
    scope {
      id
      name
    }
    year
    includeOwnOffice
    ownOffice {
      id
      name
    }
    dataVersion
    metricsVersion
    data
    included {
      unit {
        id
        name
        kind
      }
      state
      templateVersion
      versionId
      reportUrl
    }
    missing {
      unit {
        id
        name
        kind
      }
      state
      deadline
      reportUrl
    }
    yoy {
      metric
      label
      labelEn
      value
      previous
      change
      relativeChange
    }
    checks {
      rule
      severity
      message
      cells
      units {
        unit {
          id
          name
        }
        message
        reportUrl
      }
    }
    prose
    docxUrl
    csvUrl
    frozen {
      id
      dataVersion
      includeOwnOffice
      frozenAt
      frozenBy
      note
      docxUrl
    }
  }
}
    `) as unknown as TypedDocumentString<RollupReportQuery, RollupReportQueryVariables>;
export const RollupCellDocument = new TypedDocumentString(`
    query RollupCell($scope: ID!, $year: Int!, $includeOwnOffice: Boolean, $key: String!) {
  rollupReport(scope: $scope, year: $year, includeOwnOffice: $includeOwnOffice) {
    dataVersion
    contributions(key: $key) {
      key
      label
      value
      contributions {
        unit {
          id
          name
        }
        value
        versionId
        reportUrl
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RollupCellQuery, RollupCellQueryVariables>;
export const RollupChangesDocument = new TypedDocumentString(`
    query RollupChanges($scope: ID!, $year: Int!, $includeOwnOffice: Boolean, $since: String, $frozenId: ID) {
  rollupReport(scope: $scope, year: $year, includeOwnOffice: $includeOwnOffice) {
    dataVersion
    changes(since: $since, frozenId: $frozenId) {
      since
      dataVersion
      changed
      cells {
        key
        label
        before
        after
      }
      unitsAdded {
        id
        name
      }
      unitsRemoved {
        id
        name
      }
      unitsRepublished {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RollupChangesQuery, RollupChangesQueryVariables>;
export const FreezeRollupDocument = new TypedDocumentString(`
    mutation FreezeRollup($scope: ID!, $year: Int!, $includeOwnOffice: Boolean, $dataVersion: String, $note: String) {
  freezeRollup(
    scope: $scope
    year: $year
    includeOwnOffice: $includeOwnOffice
    dataVersion: $dataVersion
    note: $note
  ) {
    id
    dataVersion
    frozenAt
    frozenBy
    note
    docxUrl
  }
}
    `) as unknown as TypedDocumentString<FreezeRollupMutation, FreezeRollupMutationVariables>;
export const MyReportsDocument = new TypedDocumentString(`
    query MyReports {
  myReports {
    year
    state
    onTime
    deadline
    unit {
      ...UnitRef
    }
    report {
      id
      year
      publishedVersionId
      version {
        id
        version
        status
        returnReason
        reviewedAt
        submittedAt
        findings {
          ...FindingFields
        }
      }
    }
  }
}
    fragment UnitRef on Jurisdiction {
  id
  name
  kind
  code
}
fragment FindingFields on Finding {
  id
  rule
  severity
  message
  cells
  expected
  found
  decision
  decidedBy
  decidedAt
  decisionReason
}`) as unknown as TypedDocumentString<MyReportsQuery, MyReportsQueryVariables>;