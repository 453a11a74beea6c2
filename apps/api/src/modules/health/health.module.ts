import { Module } from '@nestjs/common';
import { WebController } from '../web/web.controller.js';
import { HealthController, HealthService } from './health.controller.js';

@Module({ controllers: [HealthController, WebController], providers: [HealthService] })
export class HealthModule {}
