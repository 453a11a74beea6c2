import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module.js';
import { ApiToken } from './api-token.entity.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { RevokedToken } from './revoked-token.entity.js';
import { User } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken, RevokedToken, Jurisdiction]), AuditModule, JurisdictionsModule],
  providers: [AuthService, AuthResolver],
  exports: [AuthService],
})
export class AuthModule {}
