import { Injectable, type PipeTransform } from '@nestjs/common';
import { ChatErrors } from '../../chat.errors.js';
import { MessagesRepository } from '../messages.repository.js';
import type { SendMessageDraft } from '../send-message.request.js';

/**
 * A quoted message must belong to this conversation and not be removed by moderation. Thread
 * replies and messages their authors deleted may be quoted.
 */
@Injectable()
export class QuotedMessagePipe implements PipeTransform<SendMessageDraft, Promise<SendMessageDraft>> {
  constructor(private readonly messages: MessagesRepository) {}

  async transform(draft: SendMessageDraft): Promise<SendMessageDraft> {
    if (draft.quotedMessageId === null) return draft;
    const quoted = await this.messages.findInConversation(
      draft.conversation.projectId,
      draft.conversation.id,
      draft.quotedMessageId,
    );
    if (!quoted || quoted.moderationStatus === 'removed') throw ChatErrors.invalidQuote();
    return draft;
  }
}
