import { Injectable } from '@nestjs/common';
import type { AppError } from '../../common/errors/app-error.js';
import type { ChatMessage } from '../messages/chat-message.entity.js';
import { isActiveModerator } from '../../spaces/space-permissions.js';
import { SpacesService } from '../../spaces/spaces.service.js';
import { ChatErrors } from '../chat.errors.js';
import type { ConversationMember } from './conversation-member.entity.js';
import type { Conversation } from './conversation.entity.js';
import { ConversationsRepository } from './conversations.repository.js';

/** A conversation and the caller's membership row of it. */
export interface ConversationAccess {
  conversation: Conversation;
  member: ConversationMember;
  /** The caller's membership of the conversation's space, looked up once; null outside spaces. */
  spaceMembership: SpaceMembership | null;
}

type SpaceMembership = NonNullable<Awaited<ReturnType<SpacesService['membership']>>>;

/**
 * Who may do what in a conversation. The guards call it with route params; the services call it
 * again where a rule must hold inside their own transaction.
 */
@Injectable()
export class ConversationAccessService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly spaces: SpacesService,
  ) {}

  /**
   * The caller is an active member: 404 for an unknown conversation, 403 otherwise. In a space
   * conversation a ban from the space is told first, because a ban also ended the membership.
   */
  async requireActiveMember(projectId: string, conversationId: string, userId: string): Promise<ConversationAccess> {
    const access = await this.lookUp(projectId, conversationId, userId);
    if (!access.member?.isActive) throw ChatErrors.notAMember();
    return { ...access, member: access.member };
  }

  /**
   * The caller has a membership row, active or not: former members keep reading the history up
   * to when they left. Users banned from a space read nothing of its chat.
   */
  async requireReader(projectId: string, conversationId: string, userId: string): Promise<ConversationAccess> {
    const access = await this.lookUp(projectId, conversationId, userId);
    if (!access.member) throw ChatErrors.notAMember();
    return { ...access, member: access.member };
  }

  /**
   * The caller is an active admin of a group: 404 for an unknown conversation, 403 for a
   * non-member or a plain member, and the route's own error when the conversation is no group.
   */
  async requireGroupAdmin(
    projectId: string,
    conversationId: string,
    userId: string,
    rule: { action: Parameters<typeof ChatErrors.groupAdminsOnly>[0]; notAGroup: () => AppError },
  ): Promise<Conversation> {
    const found = await this.conversations.findWithMember(projectId, conversationId, userId);
    if (!found) throw ChatErrors.conversationNotFound();
    if (!found.member?.isActive) throw ChatErrors.notAMember();
    if (found.conversation.type !== 'group') throw rule.notAGroup();
    if (found.member.role !== 'admin') throw ChatErrors.groupAdminsOnly(rule.action);
    return found.conversation;
  }

  /**
   * In a space conversation whose posting permission is `admins`, only the space's active admins
   * and moderators post.
   */
  assertMayPost({ conversation, spaceMembership }: Omit<ConversationAccess, 'member'>): void {
    if (conversation.type !== 'space' || conversation.postingPermission !== 'admins') return;
    if (!isActiveModerator(spaceMembership)) throw ChatErrors.postingRestricted();
  }

  /**
   * Checks again, just before a message is written, what the guards checked before a multipart
   * body was read (its upload may have taken seconds): a space chat may have become admin-only,
   * or the sender banned. Membership itself is re-checked by the write, under lock.
   */
  async recheckPosting(projectId: string, conversation: Conversation, userId: string): Promise<void> {
    if (conversation.type !== 'space') return;
    this.assertMayPost(await this.lookUp(projectId, conversation.id, userId));
  }

  /** The caller's membership of the space of a space conversation, if any. */
  spaceMembership(projectId: string, conversation: Conversation, userId: string): Promise<SpaceMembership | null> {
    return conversation.spaceId
      ? this.spaces.membership(projectId, conversation.spaceId, userId)
      : Promise.resolve(null);
  }

  private async lookUp(
    projectId: string,
    conversationId: string,
    userId: string,
  ): Promise<Omit<ConversationAccess, 'member'> & { member: ConversationMember | null }> {
    const found = await this.conversations.findWithMember(projectId, conversationId, userId);
    if (!found) throw ChatErrors.conversationNotFound();
    if (found.conversation.type !== 'space') return { ...found, spaceMembership: null };
    const spaceMembership = await this.spaceMembership(projectId, found.conversation, userId);
    if (spaceMembership?.status === 'banned') throw ChatErrors.banned();
    return { ...found, spaceMembership };
  }

  /** The latest moment whose messages the member may read: now, or when they left. */
  readableUntil(member: ConversationMember): Date | null {
    return member.isActive ? null : member.leftAt;
  }

  /**
   * True when the member may read this message: one a moderator removed is gone for everyone,
   * and former members read up to when they left (see `readableUntil`).
   */
  canRead(member: ConversationMember, message: Pick<ChatMessage, 'createdAt' | 'moderationStatus'>): boolean {
    if (message.moderationStatus === 'removed') return false;
    const until = this.readableUntil(member);
    return until === null || message.createdAt <= until;
  }
}
