import { Module } from '@nestjs/common';
import { DataVersionService } from './data-version.js';
import { PublishedAnswers } from './published-response-cache.js';

/**
 * Published figures as readers see them: the figure columns, the rollups kept in step at every
 * publication, and the data version that tells caches when published numbers changed. It imports
 * no other feature module, so reports, units and analytics can all depend on it without a cycle.
 */
@Module({
  // PublishedAnswers: the published response cache's entries, one map per application.
  providers: [DataVersionService, { provide: PublishedAnswers, useFactory: () => new PublishedAnswers() }],
  exports: [DataVersionService, PublishedAnswers],
})
export class PublishedModule {}
