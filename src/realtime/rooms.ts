// Room names carry the project id, so that no room is ever shared by two projects' sockets.

/** Every socket of one user. Joined on connect; events for some users go here. */
export function userRoom(projectId: string, userId: string): string {
  return `user:${projectId}:${userId}`;
}

/**
 * Every socket of every active member of a conversation, whether or not it opened it. The server
 * alone manages it (on connect, and when members join or leave); conversation events go here, so
 * each socket receives them exactly once.
 */
export function memberRoom(projectId: string, conversationId: string): string {
  return `members:${projectId}:${conversationId}`;
}

/** Sockets that opened the conversation (`join:conversation`): where typing is relayed. */
export function viewerRoom(projectId: string, conversationId: string): string {
  return `conversation:${projectId}:${conversationId}`;
}
