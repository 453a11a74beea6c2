import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { Jurisdiction } from './jurisdiction.entity.js';
import { JurisdictionsResolver } from './jurisdictions.resolver.js';
import { JurisdictionsService } from './jurisdictions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Jurisdiction]), AuditModule],
  providers: [JurisdictionsService, JurisdictionsResolver],
  exports: [JurisdictionsService],
})
export class JurisdictionsModule {}
