import type { Server, Socket } from 'socket.io';
import type { ChatEventMap, ChatEventName } from './chat-events.js';

/** Who is typing where; relayed to the other sockets that opened the conversation. */
export interface TypingPayload {
  userId: string;
  conversationId: string;
}

/** What `join:conversation` and `leave:conversation` answer when the client asks for an acknowledgement. */
export interface JoinAck {
  joined: boolean;
}

/** Server → client events, as the official client's `types/socket.ts` declares them. */
export type ServerToClientEvents = { [E in ChatEventName]: (payload: ChatEventMap[E]) => void } & {
  'typing:start': (payload: TypingPayload) => void;
  'typing:stop': (payload: TypingPayload) => void;
};

/** Client → server events. The acknowledgement is optional (the official client sends none). */
export interface ClientToServerEvents {
  'join:conversation': (payload: { conversationId: string }, ack?: (result: JoinAck) => void) => void;
  'leave:conversation': (payload: { conversationId: string }, ack?: (result: JoinAck) => void) => void;
  'typing:start': (payload: { conversationId: string }) => void;
  'typing:stop': (payload: { conversationId: string }) => void;
}

/** What the handshake established about a socket. */
export interface SocketIdentity {
  projectId: string;
  userId: string;
  /** Active conversations at handshake time; the socket joins their member rooms on connect. */
  conversationIds: string[];
  /** When the handshake's token expires; the socket is disconnected then. */
  expiresAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- instances talk only through the adapter
type InterServerEvents = {};

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketIdentity>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketIdentity>;

/** The error the client reads as `err.data` in `connect_error`. */
export interface ConnectErrorData {
  error: string;
  code: string;
  errorId?: string;
}
