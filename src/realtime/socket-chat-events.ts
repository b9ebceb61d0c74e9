import { Injectable, Logger } from '@nestjs/common';
import { type ChatEventAudience, type ChatEventMap, type ChatEventName, ChatEvents } from './chat-events.js';
import { ChatGateway } from './chat.gateway.js';
import { memberRoom, userRoom, viewerRoom } from './rooms.js';
import type { ChatServer } from './socket-contract.js';

/**
 * Chat's events, delivered through the gateway's socket.io server: conversation events to the
 * conversation's member room, user events to the users' rooms. With the Redis adapter, both reach
 * sockets on every instance. Nothing here throws: Chat calls it after its transaction committed,
 * and a delivery failure must not turn a done deed into an error.
 */
@Injectable()
export class SocketChatEvents extends ChatEvents {
  private readonly logger = new Logger('ConfabRealtime');

  constructor(private readonly gateway: ChatGateway) {
    super();
  }

  emit<E extends ChatEventName>(event: E, audience: ChatEventAudience, payload: ChatEventMap[E]): void {
    this.safely(event, (server) => {
      const rooms =
        'conversationId' in audience
          ? [memberRoom(audience.projectId, audience.conversationId)]
          : audience.userIds.map((userId) => userRoom(audience.projectId, userId));
      // `to([])` would address every socket of the server.
      if (rooms.length === 0) return;
      // A socket in several of the rooms still receives the event once.
      (server.to(rooms).emit as (event: string, payload: unknown) => boolean)(event, payload);
    });
  }

  membersJoined(projectId: string, conversationId: string, userIds: readonly string[]): void {
    this.safely('membersJoined', (server) => {
      const users = userIds.map((userId) => userRoom(projectId, userId));
      if (users.length === 0) return;
      const room = memberRoom(projectId, conversationId);
      // The Redis adapter applies a cluster-wide join on this instance too, but only once its own
      // request has come back through Redis; the local join makes it immediate here.
      server.local.in(users).socketsJoin(room);
      server.in(users).socketsJoin(room);
    });
  }

  membersLeft(projectId: string, conversationId: string, userIds: readonly string[]): void {
    this.safely('membersLeft', (server) => {
      const users = userIds.map((userId) => userRoom(projectId, userId));
      if (users.length === 0) return;
      // Out of the member room, nothing more arrives; out of the viewer room, no more typing.
      const rooms = [memberRoom(projectId, conversationId), viewerRoom(projectId, conversationId)];
      // Immediate on this instance, so that a message sent here right after the removal cannot
      // reach the removed member (see `membersJoined`).
      server.local.in(users).socketsLeave(rooms);
      server.in(users).socketsLeave(rooms);
    });
  }

  private safely(what: string, deliver: (server: ChatServer) => void): void {
    const server = this.gateway.server;
    // Not attached yet (the application is still starting): there is no socket to reach.
    if (!server) return;
    try {
      deliver(server);
    } catch (error) {
      this.logger.error(`Realtime ${what} failed`, error instanceof Error ? error.stack : error);
    }
  }
}
