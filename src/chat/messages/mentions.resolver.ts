import { Injectable } from '@nestjs/common';
import { SpacesService } from '../../spaces/spaces.service.js';
import { UsersService } from '../../users/users.service.js';
import { ChatErrors } from '../chat.errors.js';
import type { Mention } from './chat-message.entity.js';

/**
 * Checks mentions against the project and refreshes what they show: every mentioned user and space
 * must exist, and the stored username, foreignId and slug are the current ones from the database,
 * whatever the client sent. Duplicates are dropped.
 */
@Injectable()
export class MentionsResolver {
  constructor(
    private readonly users: UsersService,
    private readonly spaces: SpacesService,
  ) {}

  async resolve(projectId: string, mentions: readonly Mention[]): Promise<Mention[]> {
    const unique = [...new Map(mentions.map((mention) => [`${mention.type}:${mention.id}`, mention])).values()];
    const idsOf = (type: Mention['type']) => unique.flatMap((mention) => (mention.type === type ? [mention.id] : []));
    const [users, spaces] = await Promise.all([
      this.users.findByIds(projectId, idsOf('user')),
      this.spaces.findByIds(projectId, idsOf('space')),
    ]);
    const usersById = new Map(users.map((user) => [user.id, user]));
    const spacesById = new Map(spaces.map((space) => [space.id, space]));
    return unique.map((mention): Mention => {
      if (mention.type === 'user') {
        const user = usersById.get(mention.id);
        if (!user) throw ChatErrors.invalidMention(mention.id);
        // Never the client's text: without a username the user shows as their foreignId.
        return { type: 'user', id: user.id, username: user.username ?? user.foreignId, foreignId: user.foreignId };
      }
      const space = spacesById.get(mention.id);
      if (!space) throw ChatErrors.invalidMention(mention.id);
      return { type: 'space', id: space.id, slug: space.slug ?? space.id };
    });
  }
}
