import { ErrorBody } from '../errors/ErrorBody';

/** An error answer of a route (`responses: { 400: ErrorAnswer }`), in the one error shape. */
export const ErrorAnswer = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } };

/** The answers any signed-in route may give whatever it does: no valid session, rate limited. */
export const sessionErrors = {
  401: { ...ErrorAnswer, description: 'Unauthenticated / TokenExpired / InvalidToken' },
  429: { ...ErrorAnswer, description: 'RateLimited (retryAfter, Retry-After header)' },
};
