import { ChatMessage } from '../chat/messages/chat-message.entity.js';
import { ChatMessageReaction } from '../chat/reactions/chat-message-reaction.entity.js';
import { ConversationMember } from '../chat/conversations/conversation-member.entity.js';
import { Conversation } from '../chat/conversations/conversation.entity.js';
import { FileEntity } from '../files/file.entity.js';
import { ApiKey } from '../projects/api-key.entity.js';
import { Project } from '../projects/project.entity.js';
import { ReputationBucket } from '../reputation/reputation-bucket.entity.js';
import { ReputationGrant } from '../reputation/reputation-grant.entity.js';
import { SpaceClosure } from '../spaces/space-closure.entity.js';
import { SpaceMember } from '../spaces/space-member.entity.js';
import { Space } from '../spaces/space.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity of Confab. A host application registers these with its TypeORM data source. */
export const confabEntities = [
  Project,
  ApiKey,
  User,
  Space,
  SpaceClosure,
  SpaceMember,
  Conversation,
  ConversationMember,
  ChatMessage,
  ChatMessageReaction,
  FileEntity,
  ReputationBucket,
  ReputationGrant,
];
