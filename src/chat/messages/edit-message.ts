import { Injectable } from '@nestjs/common';
import { FilesService } from '../../files/files.service.js';
import { ChatEvents } from '../../realtime/chat-events.js';
import { ChatErrors } from '../chat.errors.js';
import type { ConversationAccess } from '../conversations/conversation-access.service.js';
import type { EditMessageDto } from './dto/edit-message.dto.js';
import { MentionsResolver } from './mentions.resolver.js';
import { MessagePresenter } from './message-presenter.js';
import type { ChatMessageResponse } from './message.mapper.js';
import { MessagesRepository } from './messages.repository.js';
import { assertMetadataSize } from './pipes/metadata-size.pipe.js';

/** Edit Message: the author changes what their message says. */
@Injectable()
export class EditMessage {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
    private readonly mentions: MentionsResolver,
    private readonly files: FilesService,
    private readonly events: ChatEvents,
  ) {}

  private async hasFiles(projectId: string, messageId: string): Promise<boolean> {
    return ((await this.files.filesForMessages(projectId, [messageId])).get(messageId)?.length ?? 0) > 0;
  }

  async execute(member: ConversationAccess, messageId: string, changes: EditMessageDto): Promise<ChatMessageResponse> {
    const { conversation } = member;
    const message = await this.messages.findInConversation(conversation.projectId, conversation.id, messageId);
    if (!message) throw ChatErrors.messageNotFound();
    if (message.userId !== member.member.userId) throw ChatErrors.onlyAuthorEdits();
    if (message.moderationStatus === 'removed') throw ChatErrors.messageRemoved();
    if (message.userDeletedAt) throw ChatErrors.messageDeleted();

    const next = {
      content: changes.content === undefined ? message.content : changes.content?.trim() ? changes.content : null,
      gif: changes.gif === undefined ? message.gif : changes.gif,
      mentions:
        changes.mentions === undefined
          ? message.mentions
          : await this.mentions.resolve(conversation.projectId, changes.mentions ?? []),
      metadata: changes.metadata === undefined ? message.metadata : (changes.metadata ?? {}),
    };
    assertMetadataSize(next.metadata);
    if (next.content === null && next.gif === null && !(await this.hasFiles(conversation.projectId, message.id))) {
      throw ChatErrors.emptyEdit();
    }

    const unchanged =
      JSON.stringify([next.content, next.gif, next.mentions, next.metadata]) ===
      JSON.stringify([message.content, message.gif, message.mentions, message.metadata]);
    const saved = unchanged ? message : await this.messages.updateContent(conversation.projectId, message.id, next);
    if (!saved) {
      // Deleted or removed between the checks above and the write: say which.
      const current = await this.messages.findInConversation(conversation.projectId, conversation.id, messageId);
      throw current?.moderationStatus === 'removed' ? ChatErrors.messageRemoved() : ChatErrors.messageDeleted();
    }
    const [response] = await this.presenter.present([saved], {
      projectId: conversation.projectId,
      viewerId: member.member.userId,
    });
    if (!unchanged) {
      this.events.emit(
        'message:updated',
        { projectId: conversation.projectId, conversationId: conversation.id },
        {
          messageId: saved.id,
          conversationId: conversation.id,
          content: saved.content,
          gif: saved.gif,
          mentions: saved.mentions,
          metadata: saved.metadata,
          editedAt: response.editedAt,
        },
      );
    }
    return response;
  }
}
