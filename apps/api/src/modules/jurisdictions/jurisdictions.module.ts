import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { Jurisdiction } from './jurisdiction.entity.js';
import { JurisdictionsResolver } from './jurisdictions.resolver.js';
import { JurisdictionsService } from './jurisdictions.service.js';
import { UnitCache } from './unit-cache.js';

@Module({
  imports: [TypeOrmModule.forFeature([Jurisdiction]), AuditModule],
  providers: [JurisdictionsService, JurisdictionsResolver, UnitCache],
  exports: [JurisdictionsService, UnitCache],
})
export class JurisdictionsModule {}
