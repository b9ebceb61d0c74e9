import { NotFoundError } from '../common/errors/app-error.js';

export const ProjectErrors = {
  notFound: () => new NotFoundError('project/not-found', 'Project not found.'),
  apiKeyNotFound: () => new NotFoundError('project/api-key-not-found', 'API key not found.'),
} as const;
