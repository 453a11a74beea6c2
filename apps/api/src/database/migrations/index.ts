import { Initial1795766195000 } from './1795766195000-Initial.js';

/** In order. */
export const MIGRATIONS = [Initial1795766195000];
