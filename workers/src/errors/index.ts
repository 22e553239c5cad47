export { HttpError, reasonPhrase } from './HttpError';
export { errorResponse, onError } from './errorResponse';
export { ErrorBody, Issue } from './ErrorBody';
