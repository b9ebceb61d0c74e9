import { Injectable } from '@nestjs/common';
import { ChatErrors } from '../chat.errors.js';
import type { ChatMessage } from './chat-message.entity.js';
import type { ReputationView } from '../conversations/conversation-access.decorators.js';
import { type ConversationAccess, ConversationAccessService } from '../conversations/conversation-access.service.js';
import { DEFAULT_PAGE_SIZE, type ListMessagesQuery } from './dto/list-messages.query.js';
import { MessagePresenter } from './message-presenter.js';
import type { ChatMessageResponse } from './message.mapper.js';
import { MessagesRepository } from './messages.repository.js';

export interface MessagePage {
  messages: ChatMessageResponse[];
  hasMore: boolean;
  oldestCreatedAt: string | null;
  newestCreatedAt: string | null;
  notice?: string;
}

/** Reading a conversation's history and threads. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
    private readonly access: ConversationAccessService,
  ) {}

  async list(
    reader: ConversationAccess,
    viewerId: string,
    query: ListMessagesQuery,
    view: ReputationView,
  ): Promise<MessagePage> {
    if (query.before && query.after) {
      throw ChatErrors.beforeAndAfter();
    }
    const parentId = query.parentId ?? null;
    const hasReplies = query.filters?.hasReplies === undefined ? null : query.filters.hasReplies === 'true';
    if (parentId !== null && hasReplies === true) {
      // Threads are one level deep: a reply never has replies of its own.
      return {
        messages: [],
        hasMore: false,
        oldestCreatedAt: null,
        newestCreatedAt: null,
        notice: 'Thread replies cannot have replies: hasReplies=true with parentId never matches.',
      };
    }

    const { conversation, member } = reader;
    const { messages, hasMore } = await this.messages.history({
      projectId: conversation.projectId,
      conversationId: conversation.id,
      parentId,
      before: query.before ? new Date(query.before) : null,
      after: query.after ? new Date(query.after) : null,
      until: this.access.readableUntil(member),
      hasReplies,
      sort: query.sort ?? (parentId ? 'asc' : 'desc'),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    const presented = await this.presenter.present(messages, {
      projectId: conversation.projectId,
      viewerId,
      includeFiles: query.include?.split(',').includes('files') ?? false,
      reputation: { view, contextSpaceId: conversation.spaceId },
    });
    const times = messages.map((message) => message.createdAt.getTime());
    return {
      messages: presented,
      hasMore,
      oldestCreatedAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
      newestCreatedAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
    };
  }

  async get(
    reader: ConversationAccess,
    viewerId: string,
    messageId: string,
    view: ReputationView,
  ): Promise<ChatMessageResponse> {
    const { conversation } = reader;
    const message = await this.readable(reader, messageId);
    const [response] = await this.presenter.present([message], {
      projectId: conversation.projectId,
      viewerId,
      includeFiles: true,
      reputation: { view, contextSpaceId: conversation.spaceId },
    });
    return response;
  }

  /** A message of the conversation the reader may see; 404 `chat/message-not-found` otherwise. */
  async readable({ conversation, member }: ConversationAccess, messageId: string): Promise<ChatMessage> {
    const message = await this.messages.findInConversation(conversation.projectId, conversation.id, messageId);
    if (!message || !this.access.canRead(member, message)) throw ChatErrors.messageNotFound();
    return message;
  }
}
