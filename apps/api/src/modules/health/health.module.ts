import { Module } from '@nestjs/common';
import { WebController } from '../web/web.controller.js';
import { HealthController } from './health.controller.js';

@Module({ controllers: [HealthController, WebController] })
export class HealthModule {}
