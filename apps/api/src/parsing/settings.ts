import { availableParallelism } from 'node:os';

export interface ParsePoolSettings {
  /** Workers at most (started on demand, kept while the pool lives). */
  size: number;
  /** Longest one parse may run, from when a worker takes it (queueing does not count). */
  timeoutMs: number;
  /** Heap (old generation) of one worker, in MB. */
  memoryMb: number;
}

export const PARSE_LIMITS = {
  workers: { min: 1, max: 64 },
  timeoutMs: { min: 100, max: 600_000, def: 20_000 },
  memoryMb: { min: 64, max: 16_384, def: 1024 },
} as const;

/** Reads PARSE_WORKERS, PARSE_TIMEOUT_MS and PARSE_MEMORY_MB; problems are returned, not thrown. */
export function parsePoolSettings(env: NodeJS.ProcessEnv): { options: ParsePoolSettings; problems: string[] } {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}")`);
      return def;
    }
    return n;
  };
  const L = PARSE_LIMITS;
  return {
    options: {
      size: int('PARSE_WORKERS', defaultWorkers(), L.workers.min, L.workers.max),
      timeoutMs: int('PARSE_TIMEOUT_MS', L.timeoutMs.def, L.timeoutMs.min, L.timeoutMs.max),
      memoryMb: int('PARSE_MEMORY_MB', L.memoryMb.def, L.memoryMb.min, L.memoryMb.max),
    },
    problems,
  };
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(PARSE_LIMITS.workers.max, availableParallelism()));
}
