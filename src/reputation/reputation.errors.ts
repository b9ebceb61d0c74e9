import { BadRequestError, ConflictError, NotFoundError } from '../common/errors/app-error.js';

/** Largest change one grant may make, either way. */
export const MAX_GRANT_DELTA = 1_000_000;

/** Said both by the request validation and by `grant` itself, which other modules call directly. */
export const INVALID_DELTA_MESSAGE = `delta must be a non-zero whole number between -${MAX_GRANT_DELTA} and ${MAX_GRANT_DELTA}.`;

export const ReputationErrors = {
  userNotFound: () =>
    new NotFoundError('reputation-grant/user-not-found', 'The user of this grant does not exist.', {
      field: 'userId',
    }),
  spaceNotFound: () =>
    new NotFoundError('reputation-grant/space-not-found', 'The space of this grant does not exist.', {
      field: 'spaceId',
    }),
  invalidDelta: () => new BadRequestError('reputation-grant/invalid-body', INVALID_DELTA_MESSAGE, { field: 'delta' }),
  outOfRange: () =>
    new ConflictError(
      'reputation-grant/out-of-range',
      "The grant would take the user's reputation beyond what can be stored.",
    ),
} as const;

export const SpaceReputationErrors = {
  invalidId: (acceptsContext: boolean) =>
    new BadRequestError(
      'space-reputation/invalid-id',
      acceptsContext
        ? "spaceReputationId must be a space id (uuid), 'none' or 'context'."
        : "spaceReputationId must be a space id (uuid) or 'none'.",
      { field: 'spaceReputationId' },
    ),
  invalidDescendants: () =>
    new BadRequestError(
      'space-reputation/invalid-descendants',
      "spaceReputationDescendants must be 'true' or 'false'.",
      {
        field: 'spaceReputationDescendants',
      },
    ),
  contextNotAllowed: () =>
    new BadRequestError(
      'space-reputation/context-not-allowed',
      "spaceReputationId=context is not accepted here: this endpoint has no space in context. Use a space id or 'none'.",
      { field: 'spaceReputationId' },
    ),
  descendantsNotAllowed: () =>
    new BadRequestError(
      'space-reputation/descendants-not-allowed',
      'spaceReputationDescendants=true cannot be combined with spaceReputationId=context.',
      { field: 'spaceReputationDescendants' },
    ),
} as const;
