import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { RollupController } from './rollup.controller.js';
import { RollupResolver } from './rollup.resolver.js';
import { RollupService } from './rollup.service.js';
import { RollupSnapshot } from './rollup-snapshot.entity.js';

@Module({
  imports: [AuthModule, AuditModule, TypeOrmModule.forFeature([RollupSnapshot])],
  providers: [RollupService, RollupResolver],
  controllers: [RollupController],
})
export class RollupModule {}
