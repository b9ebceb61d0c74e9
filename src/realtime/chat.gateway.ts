import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { AuthService } from '../auth/auth.service.js';
import { isUuid } from '../common/util/ids.js';
import { CONVERSATION_DIRECTORY, type ConversationDirectory } from './conversation-directory.port.js';
import { RealtimeRedis } from './realtime-redis.js';
import { memberRoom, userRoom, viewerRoom } from './rooms.js';
import { socketHandshake } from './socket-handshake.js';
import type { ChatServer, ChatSocket, JoinAck } from './socket-contract.js';
import { TypingTracker } from './typing-tracker.js';

/**
 * The socket.io server the official client connects to: at the HTTP server's origin, default
 * namespace and path. It admits sockets (see `socketHandshake`), keeps each in its user's room and
 * in the member room of each of its user's active conversations, and handles the client's
 * `join:conversation`, `leave:conversation` and typing events. Chat's events go out through
 * `SocketChatEvents`.
 */
@WebSocketGateway({
  // Sockets authenticate with a token in the handshake, never with cookies, so any origin may
  // connect, as the HTTP API allows with CORS.
  cors: { origin: '*' },
  serveClient: false,
})
export class ChatGateway
  implements OnGatewayInit<ChatServer>, OnGatewayConnection<ChatSocket>, OnGatewayDisconnect<ChatSocket>
{
  /** Set by Nest when the gateway is attached to the HTTP server. */
  @WebSocketServer() server: ChatServer | undefined;

  private readonly logger = new Logger('ConfabRealtime');
  private readonly typing = new WeakMap<ChatSocket, TypingTracker>();

  constructor(
    private readonly auth: AuthService,
    @Inject(CONVERSATION_DIRECTORY) private readonly directory: ConversationDirectory,
    private readonly redis: RealtimeRedis,
  ) {}

  // Runs once the server exists and before it accepts any connection.
  afterInit(server: ChatServer): void {
    if (this.redis.adapter) server.adapter(this.redis.adapter);
    server.use(socketHandshake(this.auth, this.directory, this.logger));
  }

  handleConnection(socket: ChatSocket): void {
    const { projectId, userId, conversationIds } = socket.data;
    // Synchronously, before the client can act on its `connect` event: from then on it receives
    // every event of its conversations.
    void socket.join([userRoom(projectId, userId), ...conversationIds.map((id) => memberRoom(projectId, id))]);
    void this.recheckMemberships(socket);
    this.expireWithToken(socket);
  }

  /**
   * The token was checked once, at the handshake; the socket lives no longer than it. The official
   * client reconnects at once with its current token, so a live session does not notice.
   */
  private expireWithToken(socket: ChatSocket): void {
    // setTimeout holds at most about 24.8 days; a longer-lived token's socket is checked again then.
    const delay = Math.min(socket.data.expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        if (socket.data.expiresAt.getTime() <= Date.now()) socket.disconnect(true);
        else this.expireWithToken(socket);
      },
      Math.max(delay, 0),
    );
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  handleDisconnect(socket: ChatSocket): void {
    const tracker = this.typing.get(socket);
    if (!tracker) return;
    this.typing.delete(socket);
    // The others need not wait for their own timeout to see the indicator go.
    for (const conversationId of tracker.dispose()) this.relayTyping(socket, 'typing:stop', conversationId);
  }

  /** The client opened a conversation: it receives typing there. Ignored unless its user is an active member. */
  @SubscribeMessage('join:conversation')
  join(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): JoinAck {
    const conversationId = this.memberConversation(socket, body);
    if (conversationId === null) return { joined: false };
    void socket.join(viewerRoom(socket.data.projectId, conversationId));
    return { joined: true };
  }

  /** The client closed the conversation. Its `message:created` and other events keep coming. */
  @SubscribeMessage('leave:conversation')
  leave(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): JoinAck {
    const conversationId = conversationIdOf(body);
    if (conversationId !== null) void socket.leave(viewerRoom(socket.data.projectId, conversationId));
    return { joined: false };
  }

  @SubscribeMessage('typing:start')
  typingStart(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): void {
    const conversationId = this.memberConversation(socket, body);
    if (conversationId !== null && this.trackerOf(socket).start(conversationId)) {
      this.relayTyping(socket, 'typing:start', conversationId);
    }
  }

  @SubscribeMessage('typing:stop')
  typingStop(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): void {
    const conversationId = conversationIdOf(body);
    if (conversationId !== null && this.typing.get(socket)?.stop(conversationId)) {
      this.relayTyping(socket, 'typing:stop', conversationId);
    }
  }

  /**
   * The conversation named in `body` when the socket's user is an active member of it. The member
   * rooms are the membership as of now (kept current by `membersJoined`/`membersLeft`), so this
   * costs no query.
   */
  private memberConversation(socket: ChatSocket, body: unknown): string | null {
    const conversationId = conversationIdOf(body);
    if (conversationId === null) return null;
    return socket.rooms.has(memberRoom(socket.data.projectId, conversationId)) ? conversationId : null;
  }

  private trackerOf(socket: ChatSocket): TypingTracker {
    let tracker = this.typing.get(socket);
    if (!tracker) {
      tracker = new TypingTracker((conversationId) => this.relayTyping(socket, 'typing:stop', conversationId));
      this.typing.set(socket, tracker);
    }
    return tracker;
  }

  /** To the other sockets that opened the conversation, not back to the sender's. */
  private relayTyping(socket: ChatSocket, event: 'typing:start' | 'typing:stop', conversationId: string): void {
    const { projectId, userId } = socket.data;
    try {
      socket.to(viewerRoom(projectId, conversationId)).emit(event, { userId, conversationId });
    } catch (error) {
      this.logger.error(`Could not relay ${event}`, error instanceof Error ? error.stack : error);
    }
  }

  /**
   * A membership that changed between the handshake's read and the socket's first moment in its
   * user room (from where `membersJoined`/`membersLeft` move it) would be missed until it
   * reconnects. Reading once more now that it is there closes that gap; a removed member must
   * stop receiving at once.
   */
  private async recheckMemberships(socket: ChatSocket): Promise<void> {
    const { projectId, userId, conversationIds } = socket.data;
    try {
      const active = new Set(await this.directory.activeConversationIds(projectId, userId));
      if (!socket.connected) return;
      const atHandshake = new Set(conversationIds);
      for (const id of atHandshake) {
        if (!active.has(id)) void socket.leave(memberRoom(projectId, id));
      }
      for (const id of active) {
        if (!atHandshake.has(id)) void socket.join(memberRoom(projectId, id));
      }
    } catch (error) {
      this.logger.error('Could not re-read memberships of a new socket', error instanceof Error ? error.stack : error);
    }
  }
}

function conversationIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { conversationId } = body as { conversationId?: unknown };
  return isUuid(conversationId) ? conversationId : null;
}
