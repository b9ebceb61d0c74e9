import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { type ResolvedChatModuleOptions, CONFAB_OPTIONS } from '../common/config/confab-options.js';
import { ChatEvents } from './chat-events.js';
import { ChatGateway } from './chat.gateway.js';
import { RealtimeRedis } from './realtime-redis.js';
import { SocketChatEvents } from './socket-chat-events.js';

/**
 * Live delivery of chat events over socket.io: the gateway, and `ChatEvents` implemented with it.
 * It reads the options and asks about memberships through what the global ChatModule exports
 * (`CONFAB_OPTIONS`, `CONVERSATION_DIRECTORY`), never importing Chat.
 */
@Module({
  imports: [AuthModule],
  providers: [
    {
      provide: RealtimeRedis,
      // A factory, so that Redis is connected before the gateway attaches its adapter.
      useFactory: (options: ResolvedChatModuleOptions) => RealtimeRedis.connect(options.redisUrl),
      inject: [CONFAB_OPTIONS],
    },
    ChatGateway,
    SocketChatEvents,
    { provide: ChatEvents, useExisting: SocketChatEvents },
  ],
  exports: [ChatEvents],
})
export class RealtimeModule {}
