import { UnitPopulation } from '../modules/analytics/population.entity.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { ApiToken } from '../modules/auth/api-token.entity.js';
import { RevokedToken } from '../modules/auth/revoked-token.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { DataVersion } from '../modules/published/data-version.entity.js';
import { FiguresRollup } from '../modules/published/rollup.entity.js';
import { ReportFigures } from '../modules/reports/figures.entity.js';
import { Finding } from '../modules/reports/finding.entity.js';
import { Report } from '../modules/reports/report.entity.js';
import { ReportVersion } from '../modules/reports/report-version.entity.js';
import { RollupSnapshot } from '../modules/rollup/rollup-snapshot.entity.js';

export const ENTITIES = [
  Jurisdiction,
  Report,
  ReportVersion,
  Finding,
  ReportFigures,
  User,
  ApiToken,
  RevokedToken,
  AuditEntry,
  UnitPopulation,
  FiguresRollup,
  DataVersion,
  RollupSnapshot,
];
