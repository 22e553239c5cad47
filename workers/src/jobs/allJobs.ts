import { allModules } from '../interactions/allModules';
import type { JobHandler } from './types';

/**
 * Every job the instance serves: those declared by modules (`jobs` on a definition).
 * Names must be unique across modules; a duplicate is a programming error.
 */
export function allJobs(): readonly JobHandler[] {
  const out: JobHandler[] = [];
  const seen = new Set<string>();
  for (const module of allModules()) {
    for (const job of module.jobs ?? []) {
      if (seen.has(job.name)) throw new Error(`Duplicate job "${job.name}" (module ${module.id})`);
      seen.add(job.name);
      out.push(job);
    }
  }
  return out;
}
