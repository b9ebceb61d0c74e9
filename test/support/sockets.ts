import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/realtime/socket-contract.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One event as a client received it. */
export interface Received {
  event: string;
  payload: unknown;
}

/** A connected socket.io client that records every event it receives. */
export class TestSocket {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      for (const check of [...this.waiters]) check();
    });
  }

  /** Payloads of `event` received so far, in order. */
  payloads(event: string): unknown[] {
    return this.received.filter((item) => item.event === event).map((item) => item.payload);
  }

  /** Waits until `count` events named `event` have arrived in all; resolves with their payloads. */
  waitFor(event: string, count = 1, timeoutMs = 5000): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const payloads = this.payloads(event);
        if (payloads.length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(payloads);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const got = this.received.map((item) => item.event).join(', ') || 'nothing';
        reject(new Error(`expected ${count} × ${event} within ${timeoutMs} ms; received: ${got}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /**
   * A round trip through the server (an acknowledged `leave:conversation` of no conversation).
   * The server answers after everything it had already sent this socket, so once this resolves,
   * an event the server emitted to it before has arrived, and one that has not arrived was not sent.
   */
  async settle(): Promise<void> {
    await this.socket.timeout(5000).emitWithAck('leave:conversation', { conversationId: randomUUID() });
  }

  join(conversationId: string): Promise<{ joined: boolean }> {
    return this.socket.timeout(5000).emitWithAck('join:conversation', { conversationId });
  }

  leave(conversationId: string): Promise<{ joined: boolean }> {
    return this.socket.timeout(5000).emitWithAck('leave:conversation', { conversationId });
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Opens sockets the way the official client does (`auth: { token }`, `query: { projectId }`, at
 * the server's origin), and closes them all at the end of a test file.
 */
export class SocketPool {
  private readonly open: ClientSocket[] = [];

  /** A socket that completed its handshake; rejects with the `connect_error` otherwise. */
  async connect(url: string, projectId: string, token: string): Promise<TestSocket> {
    const socket = this.create(url, { auth: { token }, query: { projectId } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new TestSocket(socket);
  }

  /** The `connect_error` of a handshake that must be refused. */
  async refusal(
    url: string,
    handshake: { auth?: object; query?: Record<string, string> },
  ): Promise<Error & { data?: unknown }> {
    const socket = this.create(url, handshake);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the handshake was accepted')));
      socket.once('connect_error', resolve);
    });
  }

  closeAll(): void {
    for (const socket of this.open.splice(0)) socket.close();
  }

  private create(url: string, handshake: { auth?: object; query?: Record<string, string> }): ClientSocket {
    // A manager of its own per socket (two tabs are two connections), and no retries: a refused
    // handshake must stay refused.
    const socket: ClientSocket = io(url, { ...handshake, forceNew: true, reconnection: false });
    this.open.push(socket);
    return socket;
  }
}
