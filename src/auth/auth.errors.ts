import { BadRequestError, ForbiddenError } from '../common/errors/app-error.js';

export const AuthErrors = {
  missingUserId: (field: string) =>
    new BadRequestError(
      'chat/missing-user-id',
      `Missing user ID: requests with an API key must name the acting user as ${field}.`,
      { field },
    ),
  unknownUserId: (field: string) =>
    new BadRequestError('chat/invalid-user-id', `No user with this ${field} exists in the project.`, { field }),
  userMismatch: (field = 'userId') =>
    new ForbiddenError('chat/unauthorized', 'A user token can only act as its own user.', { field }),
  apiKeyRequired: () => new ForbiddenError('auth/api-key-required', 'This route needs the project API key.'),
} as const;
