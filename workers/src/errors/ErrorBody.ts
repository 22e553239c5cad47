import { z } from 'zod';

/** One problem with the input: where (`body.name`, `params.userId`) and what to fix. */
export const Issue = z.object({ path: z.string(), message: z.string() });

/**
 * The one JSON body of every error the Worker answers with (seed 004, ARCHITECTURE "Security"),
 * documented in OpenAPI as `Error`. Every 400 carries `details.issues`.
 */
export const ErrorBody = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    code: z.string().optional(),
    details: z.unknown().optional().meta({ description: 'On every 400: `{ issues: [{ path, message }] }`' }),
    requestId: z.string(),
    timestamp: z.string(),
    path: z.string(),
  })
  .meta({ id: 'Error' });

/** The JSON body of an error answer. */
export type ErrorBody = z.infer<typeof ErrorBody>;
