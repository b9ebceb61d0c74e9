// The public API of Confab as a library: what a host Nest application imports.
export { ChatModule } from './chat/chat.module.js';
export {
  CHAT_MODULE_OPTIONS,
  type ChatModuleExtras,
  type ChatModuleOptionsFactory,
} from './chat/chat.module-definition.js';
export {
  CONFAB_OPTIONS,
  InjectConfabOptions,
  type ChatModuleOptions,
  type ResolvedChatModuleOptions,
  type StorageOptions,
} from './common/config/confab-options.js';
export { ChatEvents, type ChatEventAudience, type ChatEventMap, type ChatEventName } from './realtime/chat-events.js';
export type { RealtimeOptions } from './realtime/realtime-options.js';
export type {
  ClientToServerEvents,
  ConnectErrorData,
  JoinAck,
  ServerToClientEvents,
  TypingPayload,
} from './realtime/socket-contract.js';
export { confabEntities } from './database/entities.js';
export { confabMigrations } from './database/migrations.js';
export { CONFAB_MIGRATIONS_TABLE, confabDataSourceOptions } from './database/data-source-options.js';
export {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from './common/errors/app-error.js';
export { AppExceptionFilter, type ErrorBody } from './common/filters/app-exception.filter.js';
export { signUserToken, verifyUserToken, type UserTokenClaims } from './auth/user-token.js';
export { ProjectsService } from './projects/projects.service.js';
export { UsersService } from './users/users.service.js';
export { SpacesService } from './spaces/spaces.service.js';
export { ReputationService, type GrantResult } from './reputation/reputation.service.js';
export type { SpaceReputationSelection } from './reputation/space-reputation/space-reputation-selection.js';
export { Project } from './projects/project.entity.js';
export { ApiKey } from './projects/api-key.entity.js';
export { User } from './users/user.entity.js';
export { Space } from './spaces/space.entity.js';
export { SpaceMember } from './spaces/space-member.entity.js';
export { SpaceClosure } from './spaces/space-closure.entity.js';
export { Conversation } from './chat/conversations/conversation.entity.js';
export { ConversationMember } from './chat/conversations/conversation-member.entity.js';
export { ChatMessage } from './chat/messages/chat-message.entity.js';
export { ChatMessageReaction } from './chat/reactions/chat-message-reaction.entity.js';
export { FileEntity } from './files/file.entity.js';
export { ReputationBucket } from './reputation/reputation-bucket.entity.js';
export { ReputationGrant } from './reputation/reputation-grant.entity.js';
