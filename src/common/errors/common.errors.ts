import { AppError, BadRequestError, NotFoundError, PayloadTooLargeError, UnauthorizedError } from './app-error.js';

/** Errors that belong to no feature: transport, routing, authentication. */
export const CommonErrors = {
  routeNotFound: (method: string, path: string) =>
    new NotFoundError('common/not-found', `Route ${method} ${path} not found.`),
  invalidJson: () => new BadRequestError('common/invalid-json', 'The request body is not valid JSON.'),
  payloadTooLarge: () =>
    new PayloadTooLargeError('common/payload-too-large', 'The request body is larger than the server accepts.'),
  unsupportedMediaType: () =>
    new AppError(415, 'common/unsupported-media-type', 'The request content type is not supported.'),
  // One message for every credential failure, so the response never tells which part was wrong.
  unauthorized: () => new UnauthorizedError('auth/unauthorized', 'Missing or invalid credentials.'),
} as const;
