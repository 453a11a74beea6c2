import { Module } from '@nestjs/common';
import { DataVersionService } from './data-version.js';

/**
 * Published figures as readers see them: the figure columns, the rollups kept in step at every
 * publication, and the data version that tells caches when published numbers changed. It imports
 * no other feature module, so reports, units and analytics can all depend on it without a cycle.
 */
@Module({
  providers: [DataVersionService],
  exports: [DataVersionService],
})
export class PublishedModule {}
