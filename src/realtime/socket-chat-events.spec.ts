import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import type { ChatGateway } from './chat.gateway.js';
import { SocketChatEvents } from './socket-chat-events.js';

// The real delivery is covered end to end (test/e2e/realtime); this is the safety net around it.
describe('SocketChatEvents', () => {
  const audience = { projectId: 'p', conversationId: 'c' };

  it('does not throw into Chat when delivery fails, and logs the failure', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const failing = {
      get to(): never {
        throw new Error('adapter gone');
      },
      get local(): never {
        throw new Error('adapter gone');
      },
    };
    const events = new SocketChatEvents({ server: failing } as unknown as ChatGateway);
    expect(() => events.emit('conversation:deleted', audience, { conversationId: 'c' })).not.toThrow();
    expect(() => events.membersJoined('p', 'c', ['u'])).not.toThrow();
    expect(() => events.membersLeft('p', 'c', ['u'])).not.toThrow();
    expect(log).toHaveBeenCalledTimes(3);
    log.mockRestore();
  });

  it('does nothing before the gateway is attached to a server', () => {
    const events = new SocketChatEvents({ server: undefined } as unknown as ChatGateway);
    expect(() => events.emit('conversation:deleted', audience, { conversationId: 'c' })).not.toThrow();
  });
});
