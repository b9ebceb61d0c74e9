import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { CONFAB_OPTIONS, type ChatModuleOptions, resolveChatModuleOptions } from '../common/config/confab-options.js';
import { FILE_ACCESS_PORT } from '../files/file-access.port.js';
import { FilesModule } from '../files/files.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ChatEvents } from '../realtime/chat-events.js';
import { NoopChatEvents } from '../realtime/noop-chat-events.js';
import { DEFAULT_REALTIME_OPTIONS, type RealtimeOptions } from '../realtime/realtime-options.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ReputationModule } from '../reputation/reputation.module.js';
import { SpacesApiModule } from '../spaces/spaces-api.module.js';
import { SPACE_CHAT_PORT } from '../spaces/space-chat.port.js';
import { SpacesModule } from '../spaces/spaces.module.js';
import { CONVERSATION_DIRECTORY } from '../realtime/conversation-directory.port.js';
import { UsersApiModule } from '../users/users-api.module.js';
import { UsersModule } from '../users/users.module.js';
import {
  CHAT_MODULE_ASYNC_OPTIONS_TYPE,
  CHAT_MODULE_OPTIONS,
  CHAT_MODULE_OPTIONS_TYPE,
  type ChatModuleExtras,
  ConfigurableChatModule,
} from './chat.module-definition.js';
import { ConversationAccessService } from './conversations/conversation-access.service.js';
import { ConversationDirectoryAdapter } from './conversations/conversation-directory.adapter.js';
import { ConversationMember } from './conversations/conversation-member.entity.js';
import { Conversation } from './conversations/conversation.entity.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsRepository } from './conversations/conversations.repository.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { DeleteConversation } from './conversations/delete-conversation.js';
import { InboxController } from './conversations/inbox.controller.js';
import { InboxRepository } from './conversations/inbox.repository.js';
import { InboxService } from './conversations/inbox.service.js';
import { MembersService } from './conversations/members.service.js';
import { SpaceChatAdapter } from './conversations/space-chat.adapter.js';
import { SpaceConversationController } from './conversations/space-conversation.controller.js';
import { SpaceConversationService } from './conversations/space-conversation.service.js';
import { ChatMessage } from './messages/chat-message.entity.js';
import { MessagePresenter } from './messages/message-presenter.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesRepository } from './messages/messages.repository.js';
import { MessagesService } from './messages/messages.service.js';
import { DeleteMessage } from './messages/delete-message.js';
import { FileAccessAdapter } from './messages/file-access.adapter.js';
import { EditMessage } from './messages/edit-message.js';
import { MentionsResolver } from './messages/mentions.resolver.js';
import { SendMessage } from './messages/send-message.js';
import { ReactionsController } from './reactions/reactions.controller.js';
import { ReactionsRepository } from './reactions/reactions.repository.js';
import { ReactionsService } from './reactions/reactions.service.js';
import { ChatMessageReaction } from './reactions/chat-message-reaction.entity.js';

const resolvedOptions = (routePrefix: string): Provider => ({
  provide: CONFAB_OPTIONS,
  useFactory: (options: ChatModuleOptions) => resolveChatModuleOptions(options, routePrefix),
  inject: [CHAT_MODULE_OPTIONS],
});

/** Modules besides ChatModule itself whose routes live under `/<routePrefix>/:projectId/...`. */
const PREFIXED_MODULES = [UsersApiModule, SpacesApiModule, ReputationModule, FilesModule];

/**
 * Confab's chat API as a Nest module. Import it once with `forRoot()` or `forRootAsync()` next to
 * a TypeORM data source that includes `confabEntities`. It brings its own routes, guards, pipes
 * and error filter, and registers no global enhancers, so the host's own routes are untouched.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Conversation, ConversationMember, ChatMessage, ChatMessageReaction]),
    AuthModule,
    ProjectsModule,
    UsersModule,
    UsersApiModule,
    SpacesModule,
    SpacesApiModule,
    ReputationModule,
    FilesModule,
  ],
  controllers: [
    InboxController,
    ConversationsController,
    SpaceConversationController,
    MessagesController,
    ReactionsController,
  ],
  providers: [
    ConversationsRepository,
    ConversationAccessService,
    ConversationsService,
    DeleteConversation,
    InboxRepository,
    InboxService,
    MembersService,
    MessagesRepository,
    MessagesService,
    MessagePresenter,
    SendMessage,
    EditMessage,
    DeleteMessage,
    MentionsResolver,
    ReactionsRepository,
    ReactionsService,
    ConversationDirectoryAdapter,
    { provide: CONVERSATION_DIRECTORY, useExisting: ConversationDirectoryAdapter },
    SpaceConversationService,
    SpaceChatAdapter,
    { provide: SPACE_CHAT_PORT, useExisting: SpaceChatAdapter },
    FileAccessAdapter,
    { provide: FILE_ACCESS_PORT, useExisting: FileAccessAdapter },
  ],
})
export class ChatModule extends ConfigurableChatModule {
  static override forRoot(options: typeof CHAT_MODULE_OPTIONS_TYPE): DynamicModule {
    return ChatModule.complete(super.forRoot(options), options);
  }

  static override forRootAsync(options: typeof CHAT_MODULE_ASYNC_OPTIONS_TYPE): DynamicModule {
    return ChatModule.complete(super.forRootAsync(options), options);
  }

  // Global so that the submodules (Files, Projects, Realtime) can read the options, and use the
  // ports Chat implements for them, without importing Chat: dependencies point from Chat to them.
  private static complete(definition: DynamicModule, extras: ChatModuleExtras): DynamicModule {
    const routePrefix = extras.routePrefix ?? 'v7';
    const realtime = ChatModule.realtime(extras.realtime ?? DEFAULT_REALTIME_OPTIONS);
    return {
      ...definition,
      global: true,
      imports: [
        ...(definition.imports ?? []),
        ...realtime.imports,
        RouterModule.register([ChatModule, ...PREFIXED_MODULES].map((module) => ({ path: routePrefix, module }))),
      ],
      providers: [...(definition.providers ?? []), resolvedOptions(routePrefix), ...realtime.providers],
      // The ports, for Chat's submodules; ChatEvents too, so that the modules Chat imports (Spaces)
      // can announce membership changes; and the services a host application uses.
      exports: [
        CONFAB_OPTIONS,
        CONVERSATION_DIRECTORY,
        SPACE_CHAT_PORT,
        FILE_ACCESS_PORT,
        ...realtime.exports,
        ProjectsModule,
        UsersModule,
        SpacesModule,
        ReputationModule,
      ],
    };
  }

  /** Where `ChatEvents` comes from: the gateway's RealtimeModule, or the host's class in ChatModule itself. */
  private static realtime(
    options: RealtimeOptions,
  ): Required<Pick<DynamicModule, 'imports' | 'providers' | 'exports'>> {
    if (options.gateway) return { imports: [RealtimeModule], providers: [], exports: [RealtimeModule] };
    return {
      imports: [],
      providers: [{ provide: ChatEvents, useClass: options.events ?? NoopChatEvents }],
      exports: [ChatEvents],
    };
  }
}
