import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FilesService } from '../../files/files.service.js';
import { ChatEvents } from '../../realtime/chat-events.js';
import { ChatErrors } from '../chat.errors.js';
import { ConversationAccessService } from '../conversations/conversation-access.service.js';
import type { Mention } from './chat-message.entity.js';
import { MentionsResolver } from './mentions.resolver.js';
import { MessagePresenter } from './message-presenter.js';
import type { ChatMessageResponse } from './message.mapper.js';
import { MessagesRepository } from './messages.repository.js';
import type { SendMessageDraft } from './send-message.request.js';

/**
 * Send Message, once the route has checked access and validated the body: resolve mentions,
 * write the message and its effects in one transaction, answer with the populated message, and
 * publish it after the commit.
 */
@Injectable()
export class SendMessage {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
    private readonly mentions: MentionsResolver,
    private readonly files: FilesService,
    private readonly access: ConversationAccessService,
    private readonly events: ChatEvents,
  ) {}

  async execute(draft: SendMessageDraft): Promise<ChatMessageResponse> {
    const { conversation } = draft;
    const mentions = await this.mentions.resolve(conversation.projectId, draft.mentions);
    if (draft.encoding === 'multipart') {
      await this.access.recheckPosting(conversation.projectId, conversation, draft.sender.id);
    }

    // A message is written by one statement (message, conversation, read marker, reply count),
    // which PostgreSQL runs as its own transaction. Wrapping it in BEGIN/COMMIT would keep the
    // conversation row locked for two more round trips, and sends to a busy conversation queue on
    // that lock. Attachments add their rows, so then the statement and the rows share a transaction.
    const { message, sender, parentThreadReplyCount, files } =
      draft.uploads.length === 0
        ? { ...(await this.write(this.messages.manager, draft, mentions)), files: [] }
        : await this.messages.transaction(async (manager) => {
            const written = await this.write(manager, draft, mentions);
            const files = await this.files.attachToMessage(manager, {
              projectId: conversation.projectId,
              chatMessageId: written.message.id,
              userId: draft.sender.id,
              uploads: draft.uploads,
            });
            return { ...written, files };
          });

    const [response] = await this.presenter.present([message], {
      projectId: conversation.projectId,
      viewerId: draft.sender.id,
      fresh: true,
      knownUsers: [sender],
      reputation: { view: draft.reputation, contextSpaceId: conversation.spaceId },
    });
    response.files = files.map((file) => this.files.toFileResponse(file));

    this.publish(draft, response, parentThreadReplyCount);
    return response;
  }

  private async write(manager: EntityManager, draft: SendMessageDraft, mentions: Mention[]) {
    const written = await this.messages.insertWithEffects(manager, {
      projectId: draft.conversation.projectId,
      conversationId: draft.conversation.id,
      userId: draft.sender.id,
      content: draft.content,
      gif: draft.gif,
      mentions,
      metadata: draft.metadata,
      parentMessageId: draft.parentMessageId,
      quotedMessageId: draft.quotedMessageId,
    });
    // The guard saw an active member; the membership ended before the statement took the lock.
    if (!written) throw ChatErrors.notAMember();
    return written;
  }

  private publish(draft: SendMessageDraft, message: ChatMessageResponse, parentThreadReplyCount: number | null): void {
    const { projectId, id: conversationId } = draft.conversation;
    const audience = { projectId, conversationId };
    const payload = draft.localId === null ? message : { ...message, localId: draft.localId };
    this.events.emit('message:created', audience, payload as unknown as Record<string, unknown>);
    if (draft.parentMessageId !== null && parentThreadReplyCount !== null) {
      this.events.emit('thread:reply_count', audience, {
        messageId: draft.parentMessageId,
        conversationId,
        threadReplyCount: parentThreadReplyCount,
      });
    }
  }
}
