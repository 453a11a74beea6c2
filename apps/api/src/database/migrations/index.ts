import { Initial1795766195000 } from './1795766195000-Initial.js';
import { Population1795768754920 } from './1795768754920-Population.js';
import { Rollups1795768951328 } from './1795768951328-Rollups.js';
import { DataVersion1795770647651 } from './1795770647651-DataVersion.js';
import { UncompressedFiles1795775471618 } from './1795775471618-UncompressedFiles.js';
import { TokenRevocation1796016187548 } from './1796016187548-TokenRevocation.js';
import { RepeatableFiles1796016455525 } from './1796016455525-RepeatableFiles.js';
import { RollupFreeze1796018812963 } from './1796018812963-RollupFreeze.js';
import { DataVersionNotify1796037385534 } from './1796037385534-DataVersionNotify.js';

/** In order. */
export const MIGRATIONS = [
  Initial1795766195000,
  Population1795768754920,
  Rollups1795768951328,
  DataVersion1795770647651,
  UncompressedFiles1795775471618,
  TokenRevocation1796016187548,
  RepeatableFiles1796016455525,
  RollupFreeze1796018812963,
  DataVersionNotify1796037385534,
];
