import type { ChatEvents } from '../../realtime/chat-events.js';
import type { ConversationMemberResponse } from './conversation.mapper.js';

/** A user became an active member: the transport follows, and the conversation hears of it. */
export function announceJoin(
  events: ChatEvents,
  projectId: string,
  conversationId: string,
  member: ConversationMemberResponse,
): void {
  events.membersJoined(projectId, conversationId, [member.userId]);
  events.emit(
    'member:joined',
    { projectId, conversationId },
    { conversationId, member: member as unknown as Record<string, unknown> },
  );
}

/**
 * A user stopped being an active member. The remaining members hear of it, and so does the one
 * who left (once per socket), so that their other tabs drop the conversation.
 */
export function announceDeparture(events: ChatEvents, projectId: string, conversationId: string, userId: string): void {
  events.membersLeft(projectId, conversationId, [userId]);
  events.emit('member:left', { projectId, conversationId }, { conversationId, userId });
  events.emit('member:left', { projectId, userIds: [userId] }, { conversationId, userId });
}
