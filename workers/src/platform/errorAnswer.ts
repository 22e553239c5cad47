import { ErrorBody } from '../errors/ErrorBody';

/** An error answer of a route (`responses: { 400: ErrorAnswer }`), in the one error shape. */
export const ErrorAnswer = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } };
