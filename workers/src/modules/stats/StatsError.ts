import { HttpError } from '../../errors/HttpError';

/** Stable codes of the Stats module's refusals (the `code` field of the error body). */
export type StatsErrorCode = 'StatsInvalidQuery' | 'StatsExportNotInPlan' | 'StatsGuildNotFound' | 'StatsFlushFailed';

const STATUS: Record<StatsErrorCode, 400 | 403 | 404 | 503> = {
  StatsInvalidQuery: 400,
  StatsExportNotInPlan: 403,
  StatsGuildNotFound: 404,
  // The database did not take a flush: nothing is lost (the hub keeps the counts), try later.
  StatsFlushFailed: 503,
};

/** A refusal of a stats query, export or flush; `code` says which rule refused it. */
export class StatsError extends HttpError {
  override name = 'StatsError';

  constructor(code: StatsErrorCode, message: string, details?: Record<string, unknown>) {
    // Every 400 of the API lists what to fix in `details.issues`.
    const issues = STATUS[code] === 400 && !details?.issues ? { issues: [{ path: 'query', message }] } : {};
    super(STATUS[code], message, { code, details: details || STATUS[code] === 400 ? { ...issues, ...details } : undefined });
  }
}
