import { isUuid } from '../../common/util/ids.js';
import { SpaceReputationErrors } from '../reputation.errors.js';

/**
 * Which reputation a response should add to its users as `spaceReputation`, from the query
 * parameters `spaceReputationId` and `spaceReputationDescendants`:
 * - `general`: the general bucket (`none`), not the total;
 * - `space`: that space's bucket, or with `descendants` the sum over the space and its subtree;
 * - `context`: the space the endpoint is about (a space chat's space; the general bucket where
 *   there is none, as in direct and group chats).
 * No selection (`null`) means the field is left out.
 */
export type SpaceReputationSelection =
  { kind: 'general' } | { kind: 'space'; spaceId: string; descendants: boolean } | { kind: 'context' };

/** How an endpoint takes the parameters: context endpoints accept `context`, user-direct ones do not. */
export interface SpaceReputationOptions {
  context: boolean;
}

export const SPACE_REPUTATION_ID_PARAM = 'spaceReputationId';
export const SPACE_REPUTATION_DESCENDANTS_PARAM = 'spaceReputationDescendants';

/**
 * Reads the two parameters from a parsed query string, or throws the 400 that explains what is
 * wrong. The value checks come first, then the rules that combine them.
 */
export function parseSpaceReputation(
  query: Readonly<Record<string, unknown>>,
  options: SpaceReputationOptions,
): SpaceReputationSelection | null {
  const id = query[SPACE_REPUTATION_ID_PARAM];
  const rawDescendants = query[SPACE_REPUTATION_DESCENDANTS_PARAM];

  if (id !== undefined && typeof id !== 'string') throw SpaceReputationErrors.invalidId(options.context);
  if (id !== undefined && id !== 'none' && id !== 'context' && !isUuid(id)) {
    throw SpaceReputationErrors.invalidId(options.context);
  }
  if (rawDescendants !== undefined && rawDescendants !== 'true' && rawDescendants !== 'false') {
    throw SpaceReputationErrors.invalidDescendants();
  }
  const descendants = rawDescendants === 'true';

  // Descendants without a space id have nothing to apply to: ignored, as the official docs say.
  if (id === undefined) return null;
  if (id === 'none') return { kind: 'general' };
  if (id === 'context') {
    if (!options.context) throw SpaceReputationErrors.contextNotAllowed();
    if (descendants) throw SpaceReputationErrors.descendantsNotAllowed();
    return { kind: 'context' };
  }
  return { kind: 'space', spaceId: id.toLowerCase(), descendants };
}
