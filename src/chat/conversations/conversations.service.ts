import { Injectable } from '@nestjs/common';
import { ChatEvents } from '../../realtime/chat-events.js';
import { isActiveModerator } from '../../spaces/space-permissions.js';
import type { User } from '../../users/user.entity.js';
import { toPublicUser } from '../../users/user.mapper.js';
import { UsersService } from '../../users/users.service.js';
import { ChatErrors } from '../chat.errors.js';
import { ConversationAccessService } from './conversation-access.service.js';
import { announceDeparture, announceJoin } from './membership-events.js';
import type { ConversationMember } from './conversation-member.entity.js';
import type { Conversation } from './conversation.entity.js';
import {
  type ConversationMemberResponse,
  type ConversationResponse,
  toConversation,
  toMember,
} from './conversation.mapper.js';
import { ConversationsRepository } from './conversations.repository.js';
import type { CreateGroupDto } from './dto/create-group.dto.js';
import type { UpdateConversationDto } from './dto/update-conversation.dto.js';

/** Creating conversations and managing who is in them. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly users: UsersService,
    private readonly access: ConversationAccessService,
    private readonly events: ChatEvents,
  ) {}

  /** A group with the caller as its admin and `memberIds` as members. */
  async createGroup(projectId: string, creator: User, body: CreateGroupDto): Promise<ConversationResponse> {
    const memberIds = [...new Set(body.memberIds ?? [])].filter((id) => id !== creator.id);
    const found = new Set((await this.users.findByIds(projectId, memberIds)).map((user) => user.id));
    const missing = memberIds.find((id) => !found.has(id));
    if (missing) throw ChatErrors.invalidMember(missing);

    const { conversation, creatorMember } = await this.conversations.transaction(async (manager) => {
      const conversation = await this.conversations.insertConversation(manager, {
        projectId,
        type: 'group',
        name: body.name ?? null,
        description: body.description ?? null,
        metadata: body.metadata ?? {},
        createdById: creator.id,
      });
      const creatorMember = await this.conversations.activateMember(manager, {
        projectId,
        conversationId: conversation.id,
        userId: creator.id,
        role: 'admin',
      });
      for (const userId of memberIds) {
        await this.conversations.activateMember(manager, {
          projectId,
          conversationId: conversation.id,
          userId,
          role: 'member',
        });
      }
      return { conversation, creatorMember };
    });

    const response = toConversation(conversation, { memberCount: memberIds.length + 1, currentMember: creatorMember });
    this.announceNewConversation(conversation, [creator.id, ...memberIds], response);
    return response;
  }

  /** The one direct conversation of the caller and `otherUserId`, created on first request. */
  async openDirect(
    projectId: string,
    caller: User,
    otherUserId: string,
  ): Promise<{ conversation: ConversationResponse; created: boolean }> {
    if (otherUserId === caller.id) throw ChatErrors.selfDirect();
    const other = await this.users.findById(projectId, otherUserId);
    if (!other) throw ChatErrors.invalidTarget();

    const directKey = [caller.id, other.id].sort().join(':');
    const { conversation, created, callerMember } = await this.conversations.transaction(async (manager) => {
      const { conversation, created } = await this.conversations.findOrCreateDirect(
        manager,
        projectId,
        directKey,
        caller.id,
      );
      if (created) {
        await this.conversations.activateMember(manager, {
          projectId,
          conversationId: conversation.id,
          userId: other.id,
          role: null,
        });
        const callerMember = await this.conversations.activateMember(manager, {
          projectId,
          conversationId: conversation.id,
          userId: caller.id,
          role: null,
        });
        return { conversation, created, callerMember };
      }
      return {
        conversation,
        created,
        callerMember: await this.conversations.findMember(conversation.id, caller.id, manager),
      };
    });

    const response = toConversation(conversation, { memberCount: 2, currentMember: callerMember });
    if (created) this.announceNewConversation(conversation, [caller.id, other.id], response);
    return { conversation: response, created };
  }

  async get(conversation: Conversation, member: ConversationMember): Promise<ConversationResponse> {
    const memberCount = await this.conversations.countActiveMembers(conversation.id);
    return toConversation(conversation, { memberCount, currentMember: member });
  }

  /**
   * Name, description and metadata of a group (its admins) or of a space conversation (the
   * space's staff, who also set its `postingPermission`). Direct conversations never change.
   */
  async update(
    projectId: string,
    conversationId: string,
    caller: User,
    changes: UpdateConversationDto,
  ): Promise<ConversationResponse> {
    const found = await this.conversations.findWithMember(projectId, conversationId, caller.id);
    if (!found) throw ChatErrors.conversationNotFound();
    const { conversation, member } = found;
    if (conversation.type === 'direct') throw ChatErrors.cannotUpdateDm();
    if (changes.postingPermission !== undefined && conversation.type !== 'space') {
      throw ChatErrors.postingPermissionOnlyForSpaces();
    }
    if (conversation.type === 'group' && !(member?.isActive && member.role === 'admin')) {
      throw ChatErrors.groupAdminsOnly('update this conversation');
    }
    if (
      conversation.type === 'space' &&
      !isActiveModerator(await this.access.spaceMembership(projectId, conversation, caller.id))
    ) {
      throw ChatErrors.spaceStaffOnly();
    }

    const updated = await this.conversations.update(projectId, conversation.id, changes);
    const response = toConversation(updated);
    this.events.emit(
      'conversation:updated',
      { projectId, conversationId },
      {
        id: conversationId,
        ...changes,
        updatedAt: response.updatedAt,
      },
    );
    return response;
  }

  /** Adds (or re-activates) a member of a group; the caller must be one of its admins. */
  async addMember(
    projectId: string,
    conversationId: string,
    caller: User,
    targetUserId: string,
  ): Promise<{ member: ConversationMemberResponse; added: boolean }> {
    const conversation = await this.access.requireGroupAdmin(projectId, conversationId, caller.id, {
      action: 'add members',
      notAGroup: () => ChatErrors.invalidType('added to'),
    });
    const target = await this.users.findById(projectId, targetUserId);
    if (!target) throw ChatErrors.invalidTarget();

    const existing = await this.conversations.findMember(conversationId, target.id);
    if (existing?.isActive) return { member: toMember(existing, { user: toPublicUser(target) }), added: false };
    const member = await this.conversations.transaction((manager) =>
      this.conversations.activateMember(manager, { projectId, conversationId, userId: target.id, role: 'member' }),
    );

    const response = toMember(member, { user: toPublicUser(target) });
    announceJoin(this.events, projectId, conversationId, response);
    this.events.emit(
      'conversation:created',
      { projectId, userIds: [target.id] },
      {
        ...toConversation(conversation),
        unreadCount: 0,
        lastMessage: null,
      },
    );
    return { member: response, added: true };
  }

  /** Removes a member from a group; the caller must be one of its admins. */
  async removeMember(projectId: string, conversationId: string, caller: User, targetUserId: string): Promise<void> {
    if (targetUserId === caller.id) return this.leave(projectId, conversationId, caller);
    await this.access.requireGroupAdmin(projectId, conversationId, caller.id, {
      action: 'remove members',
      notAGroup: () => ChatErrors.invalidType('removed from'),
    });
    await this.conversations.transaction(async (manager) => {
      await this.conversations.lock(manager, conversationId);
      // Checked again under the lock: two admins removing each other must not both succeed and
      // leave the group without an admin.
      const self = await this.conversations.findMember(conversationId, caller.id, manager);
      if (!(self?.isActive && self.role === 'admin')) throw ChatErrors.groupAdminsOnly('remove members');
      if (!(await this.conversations.deactivateMember(manager, conversationId, targetUserId))) {
        throw ChatErrors.memberNotFound();
      }
    });
    announceDeparture(this.events, projectId, conversationId, targetUserId);
  }

  /**
   * The caller leaves a group or a space conversation. A group keeps at least one admin while
   * others remain: the conversation row is locked so two admins cannot both leave at once.
   */
  async leave(projectId: string, conversationId: string, caller: User): Promise<void> {
    const found = await this.conversations.findWithMember(projectId, conversationId, caller.id);
    if (!found) throw ChatErrors.conversationNotFound();
    if (found.conversation.type === 'direct') throw ChatErrors.cannotLeaveDm();

    await this.conversations.transaction(async (manager) => {
      await this.conversations.lock(manager, conversationId);
      const member = await this.conversations.findMember(conversationId, caller.id, manager);
      if (!member?.isActive) throw ChatErrors.notAnActiveMember();
      if (found.conversation.type === 'group' && member.role === 'admin') {
        const admins = await this.conversations.countActiveAdmins(manager, conversationId);
        const others = (await this.conversations.countActiveMembers(conversationId, manager)) - 1;
        if (admins === 1 && others > 0) throw ChatErrors.lastAdmin();
      }
      await this.conversations.deactivateMember(manager, conversationId, caller.id);
    });
    announceDeparture(this.events, projectId, conversationId, caller.id);
  }

  private announceNewConversation(conversation: Conversation, userIds: string[], response: ConversationResponse): void {
    this.events.membersJoined(conversation.projectId, conversation.id, userIds);
    const { currentMember: _, ...shared } = response;
    this.events.emit(
      'conversation:created',
      { projectId: conversation.projectId, userIds },
      {
        ...shared,
        unreadCount: 0,
        lastMessage: null,
      },
    );
  }
}
