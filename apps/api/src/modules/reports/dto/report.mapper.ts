import { toJurisdiction } from '../../jurisdictions/dto/jurisdiction.mapper.js';
import type { Jurisdiction } from '../../jurisdictions/jurisdiction.entity.js';
import type { Finding } from '../finding.entity.js';
import type { Report } from '../report.entity.js';
import type { ReportVersion } from '../report-version.entity.js';
import type { UnitSubmission } from '../reports.service.js';
import type { DecisionGql, FindingType, ReportType, ReportVersionType, UnitSubmissionType, VersionStatusGql } from './report.types.js';

/**
 * `insider`: the reader may see this unit's unpublished versions (its clerk, its county's admins).
 * Everyone else reads published facts only: no submitter names, no count of unpublished versions.
 */
export function toVersion(v: ReportVersion, insider: boolean): ReportVersionType {
  return {
    insider,
    id: String(v.id),
    version: v.version,
    status: v.status as VersionStatusGql,
    fileName: v.fileName,
    mediaType: v.mediaType,
    sha256: v.sha256,
    size: v.size,
    templateVersion: v.templateVersion,
    organ: v.organ,
    publishedDate: v.publishedDate,
    returnReason: v.returnReason,
    submittedBy: insider ? v.submittedBy : null,
    submittedAt: v.submittedAt,
    reviewedAt: v.reviewedAt,
    synthetic: v.synthetic,
    data: v.data,
    provenance: v.provenance,
    fileUrl: `/api/versions/${v.id}/file`,
  };
}

export function toReport(r: Report, v: ReportVersion, unit: Jurisdiction, insider: boolean): ReportType {
  return {
    insider,
    id: String(r.id),
    year: r.year,
    unit: toJurisdiction(unit),
    allVersions: r.versionCount,
    version: toVersion(v, insider),
    publishedVersionId: r.publishedVersionId ? String(r.publishedVersionId) : null,
  };
}

export function toFinding(f: Finding, insider: boolean): FindingType {
  return { ...f, id: String(f.id), decision: f.decision as DecisionGql, decidedBy: insider ? f.decidedBy : null };
}

/** A unit's row on a submission matrix or a clerk's desk; `insider` as for toReport. */
export function toUnitSubmission(r: UnitSubmission, insider: boolean): UnitSubmissionType {
  return {
    unit: toJurisdiction(r.unit),
    year: r.year,
    state: r.state,
    deadline: r.deadline,
    onTime: r.onTime,
    report: r.report && r.version ? toReport(r.report, r.version, r.unit, insider) : null,
  };
}
