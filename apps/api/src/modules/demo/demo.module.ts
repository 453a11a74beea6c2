import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [AuthModule, JurisdictionsModule, ReportsModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
