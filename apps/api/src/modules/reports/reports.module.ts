import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module.js';
import { ReportFigures } from './figures.entity.js';
import { Finding } from './finding.entity.js';
import { Report } from './report.entity.js';
import { ReportReader } from './report-reader.js';
import { ReportVersion } from './report-version.entity.js';
import { ReportsResolver, ReportVersionResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';
import { SubmissionsService } from './submissions.service.js';
import { UploadController } from './upload.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Report, ReportVersion, Finding, ReportFigures, Jurisdiction]), AuditModule, AuthModule, JurisdictionsModule],
  providers: [ReportsService, SubmissionsService, ReportReader, ReportsResolver, ReportVersionResolver],
  controllers: [UploadController],
  exports: [ReportsService, SubmissionsService, ReportReader],
})
export class ReportsModule {}
