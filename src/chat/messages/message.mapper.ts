import type { FileResponse } from '../../files/file.mapper.js';
import type { PublicUser } from '../../users/user.mapper.js';
import type { ChatMessage, GifData, Mention, ModerationStatus } from './chat-message.entity.js';

/** The ChatMessage of the API. */
export interface ChatMessageResponse {
  id: string;
  /** Only on the send response and its `message:created` event. */
  localId?: string;
  projectId: string;
  conversationId: string;
  userId: string | null;
  content: string | null;
  gif: GifData | null;
  mentions: Mention[];
  metadata: Record<string, unknown>;
  parentMessageId: string | null;
  quotedMessageId: string | null;
  threadReplyCount: number;
  reactionCounts: Record<string, number>;
  userReactions: string[];
  editedAt: string | null;
  userDeletedAt: string | null;
  moderationStatus: ModerationStatus | null;
  moderatedAt: string | null;
  moderatedById: string | null;
  moderatedByType: 'client' | 'user' | null;
  moderationReason: string | null;
  createdAt: string;
  updatedAt: string;
  user: PublicUser | null;
  /** One level deep: a quoted message's own quote is not expanded. Null when removed. */
  quotedMessage?: ChatMessageResponse | null;
  files?: FileResponse[];
}

export interface MessageExtras {
  user: PublicUser | null;
  reactionCounts: Record<string, number>;
  userReactions: string[];
}

/** The message's own fields; the presenter adds `quotedMessage` and `files` where they belong. */
export function toChatMessage(message: ChatMessage, extras: MessageExtras): ChatMessageResponse {
  return {
    id: message.id,
    projectId: message.projectId,
    conversationId: message.conversationId,
    userId: message.userId,
    content: message.content,
    gif: message.gif,
    mentions: message.mentions,
    metadata: message.metadata,
    parentMessageId: message.parentMessageId,
    quotedMessageId: message.quotedMessageId,
    threadReplyCount: message.threadReplyCount,
    reactionCounts: extras.reactionCounts,
    userReactions: extras.userReactions,
    editedAt: iso(message.editedAt),
    userDeletedAt: iso(message.userDeletedAt),
    moderationStatus: message.moderationStatus,
    moderatedAt: iso(message.moderatedAt),
    moderatedById: message.moderatedById,
    // Moderation by the project's server (an API key) names no user.
    moderatedByType: message.moderatedAt ? (message.moderatedById ? 'user' : 'client') : null,
    moderationReason: message.moderationReason,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
    user: extras.user,
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
