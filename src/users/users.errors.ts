import { NotFoundError } from '../common/errors/app-error.js';

export const UserErrors = {
  notFound: () => new NotFoundError('user/not-found', 'User not found.'),
} as const;
