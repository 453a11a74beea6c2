import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module.js';
import { PublishedModule } from '../published/published.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import { PopulationService } from './population.service.js';
import { QualityService } from './quality.service.js';

@Module({
  imports: [AuditModule, AuthModule, ReportsModule, JurisdictionsModule, PublishedModule],
  providers: [AnalyticsService, PopulationService, QualityService, AnalyticsResolver],
  controllers: [AnalyticsController],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
