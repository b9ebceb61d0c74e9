import { Injectable, type PipeTransform } from '@nestjs/common';
import { ChatErrors } from '../../chat.errors.js';
import { MessagesRepository } from '../messages.repository.js';
import type { SendMessageDraft } from '../send-message.request.js';

/**
 * A reply's parent must be a message of this conversation, not removed by moderation, and not
 * itself a reply (threads are one level deep). A parent its author deleted still anchors replies.
 */
@Injectable()
export class ParentMessagePipe implements PipeTransform<SendMessageDraft, Promise<SendMessageDraft>> {
  constructor(private readonly messages: MessagesRepository) {}

  async transform(draft: SendMessageDraft): Promise<SendMessageDraft> {
    if (draft.parentMessageId === null) return draft;
    const parent = await this.messages.findInConversation(
      draft.conversation.projectId,
      draft.conversation.id,
      draft.parentMessageId,
    );
    if (!parent || parent.parentMessageId !== null || parent.moderationStatus === 'removed') {
      throw ChatErrors.invalidParent();
    }
    return draft;
  }
}
