/**
 * The events Chat emits, by the name and payload the official client listens for
 * (`repomesh/replyke` packages/core/src/types/socket.ts). Payloads are plain JSON objects.
 */
export interface ChatEventMap {
  'message:created': Record<string, unknown>;
  'message:updated': {
    messageId: string;
    conversationId: string;
    content: string | null;
    gif: unknown;
    mentions: unknown[];
    metadata: Record<string, unknown>;
    editedAt: string | null;
  };
  'message:deleted': { messageId: string; conversationId: string; userDeletedAt: string };
  'message:removed': { messageId: string; conversationId: string };
  'message:reaction': {
    messageId: string;
    conversationId: string;
    emoji: string;
    userId: string;
    delta: 1 | -1;
    reactionCounts: Record<string, number>;
  };
  'thread:reply_count': { messageId: string; conversationId: string; threadReplyCount: number };
  'member:joined': { conversationId: string; member: Record<string, unknown> };
  'member:left': { conversationId: string; userId: string };
  'conversation:created': Record<string, unknown>;
  'conversation:updated': Record<string, unknown> & { id: string };
  'conversation:deleted': { conversationId: string };
}

export type ChatEventName = keyof ChatEventMap;

/** Who receives an event: every active member of a conversation, or some users of a project. */
export type ChatEventAudience =
  { projectId: string; conversationId: string } | { projectId: string; userIds: readonly string[] };

/**
 * The port through which Chat publishes what happened, always after the transaction that made
 * it happen has committed. The socket.io gateway implements it; a host application can supply
 * its own implementation to route the events to its own transport.
 */
export abstract class ChatEvents {
  /** Deliver `event` once to every socket of the audience. Must not throw. */
  abstract emit<E extends ChatEventName>(event: E, audience: ChatEventAudience, payload: ChatEventMap[E]): void;

  /** These users became active members: their sockets receive the conversation's events from now on. */
  abstract membersJoined(projectId: string, conversationId: string, userIds: readonly string[]): void;

  /** These users stopped being active members: their sockets stop receiving at once. */
  abstract membersLeft(projectId: string, conversationId: string, userIds: readonly string[]): void;
}
