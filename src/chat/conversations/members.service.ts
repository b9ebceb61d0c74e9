import { Injectable } from '@nestjs/common';
import { type Paginated, paginated, pageRequest } from '../../common/pagination/pagination.js';
import { ReputationService, withSpaceReputation } from '../../reputation/reputation.service.js';
import type { User } from '../../users/user.entity.js';
import { toPublicUser } from '../../users/user.mapper.js';
import { ChatErrors } from '../chat.errors.js';
import type { ReputationView } from './conversation-access.decorators.js';
import { type ConversationAccess, ConversationAccessService } from './conversation-access.service.js';
import type { ConversationMemberRole } from './conversation-member.entity.js';
import { type ConversationMemberResponse, toMember } from './conversation.mapper.js';
import { ConversationsRepository } from './conversations.repository.js';
import type { ListMembersQuery } from './dto/list-members.query.js';

export type MemberPage = Paginated<ConversationMemberResponse>;

const DEFAULT_MEMBER_PAGE = 50;

/** Who is in a conversation, and the roles of a group. */
@Injectable()
export class MembersService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly access: ConversationAccessService,
    private readonly reputation: ReputationService,
  ) {}

  async list(reader: ConversationAccess, query: ListMembersQuery, view: ReputationView): Promise<MemberPage> {
    const page = pageRequest(query, DEFAULT_MEMBER_PAGE);
    const { rows, total } = await this.conversations.activeMembersPage(reader.conversation.id, {
      role: query.role ?? null,
      offset: page.offset,
      limit: page.limit,
    });
    const reputations = view.selection
      ? await this.reputation.resolveSpaceReputation(
          reader.conversation.projectId,
          reader.member.userId,
          view.selection,
          reader.conversation.spaceId,
          rows.map(({ user }) => user.id),
          { trusted: view.trusted },
        )
      : null;
    const data = rows.map(({ member, user }) =>
      toMember(member, {
        self: member.userId === reader.member.userId,
        user: withSpaceReputation(toPublicUser(user), reputations),
      }),
    );
    return paginated(data, total, page);
  }

  /**
   * A group admin makes a member an admin or an admin a member. A group keeps at least one
   * admin: the conversation row is locked while the admins are counted.
   */
  async changeRole(
    projectId: string,
    conversationId: string,
    caller: User,
    targetUserId: string,
    role: ConversationMemberRole,
  ): Promise<ConversationMemberResponse> {
    await this.access.requireGroupAdmin(projectId, conversationId, caller.id, {
      action: 'change member roles',
      notAGroup: ChatErrors.rolesOnlyInGroups,
    });

    const member = await this.conversations.transaction(async (manager) => {
      await this.conversations.lock(manager, conversationId);
      const target = await this.conversations.findMember(conversationId, targetUserId, manager);
      if (!target?.isActive) throw ChatErrors.memberNotFound();
      if (
        target.role === 'admin' &&
        role === 'member' &&
        (await this.conversations.countActiveAdmins(manager, conversationId)) === 1
      ) {
        throw ChatErrors.groupNeedsAdmin();
      }
      return this.conversations.setRole(manager, projectId, target.id, role);
    });
    return toMember(member, { self: member.userId === caller.id });
  }
}
