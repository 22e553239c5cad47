export { HttpError, reasonPhrase } from './HttpError';
export { errorResponse, onError, type ErrorBody } from './errorResponse';
