import { Initial1795766195000 } from './1795766195000-Initial.js';
import { Population1795768754920 } from './1795768754920-Population.js';

/** In order. */
export const MIGRATIONS = [Initial1795766195000, Population1795768754920];
