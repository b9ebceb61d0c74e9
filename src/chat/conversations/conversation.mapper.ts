import type { PublicUser } from '../../users/user.mapper.js';
import type { ConversationMember, ConversationMemberRole } from './conversation-member.entity.js';
import type { Conversation, ConversationType, PostingPermission } from './conversation.entity.js';

/** The Conversation of the API. */
export interface ConversationResponse {
  id: string;
  projectId: string;
  type: ConversationType;
  name: string | null;
  description: string | null;
  spaceId: string | null;
  createdById: string | null;
  avatarFileId: string | null;
  lastMessageAt: string | null;
  postingPermission: PostingPermission | null;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  memberCount?: number;
  currentMember?: ConversationMemberResponse | null;
}

/** The ConversationMember of the API. Mute settings appear only on the caller's own row. */
export interface ConversationMemberResponse {
  id: string;
  projectId: string;
  conversationId: string;
  userId: string;
  role: ConversationMemberRole | null;
  lastReadAt: string | null;
  isActive: boolean;
  leftAt: string | null;
  createdAt: string;
  updatedAt: string;
  mutedUntil?: string | null;
  mutedForever?: boolean;
  user?: PublicUser;
}

export function toConversation(
  conversation: Conversation,
  extras: { memberCount?: number; currentMember?: ConversationMember | null } = {},
): ConversationResponse {
  const response: ConversationResponse = {
    id: conversation.id,
    projectId: conversation.projectId,
    type: conversation.type,
    name: conversation.name,
    description: conversation.description,
    spaceId: conversation.spaceId,
    createdById: conversation.createdById,
    avatarFileId: null,
    lastMessageAt: iso(conversation.lastMessageAt),
    postingPermission: conversation.postingPermission,
    metadata: conversation.metadata,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
  if (extras.memberCount !== undefined) response.memberCount = extras.memberCount;
  if (extras.currentMember !== undefined) {
    response.currentMember = extras.currentMember ? toMember(extras.currentMember, { self: true }) : null;
  }
  return response;
}

export function toMember(
  member: ConversationMember,
  options: { self?: boolean; user?: PublicUser } = {},
): ConversationMemberResponse {
  const response: ConversationMemberResponse = {
    id: member.id,
    projectId: member.projectId,
    conversationId: member.conversationId,
    userId: member.userId,
    role: member.role,
    lastReadAt: iso(member.lastReadAt),
    isActive: member.isActive,
    leftAt: iso(member.leftAt),
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
  if (options.self) {
    response.mutedUntil = iso(member.mutedUntil);
    response.mutedForever = member.mutedForever;
  }
  if (options.user) response.user = options.user;
  return response;
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
