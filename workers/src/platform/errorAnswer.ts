import { z } from 'zod';

/** The one error body of the Worker (seed 004), as documented in OpenAPI. */
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

/** An error answer of a route (`responses: { 400: ErrorAnswer }`). */
export const ErrorAnswer = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } };
