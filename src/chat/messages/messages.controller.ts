import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ActingUser } from '../../auth/auth.decorators.js';
import type { UserPrincipal } from '../../auth/principal.js';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import { MessageUploadInterceptor } from '../../files/uploads/message-upload.interceptor.js';
import { AppValidationPipe } from '../../common/validation/app-validation.pipe.js';
import {
  ActiveMemberAccess,
  CurrentConversation,
  CurrentReputationView,
  PostingAccess,
  type ReputationView,
  ReaderAccess,
} from '../conversations/conversation-access.decorators.js';
import { type DeleteMessageResult, DeleteMessage } from './delete-message.js';
import { EditMessageDto } from './dto/edit-message.dto.js';
import { EditMessage } from './edit-message.js';
import type { ConversationAccess } from '../conversations/conversation-access.service.js';
import { SendMessageRequest } from './decorators/send-message-request.decorator.js';
import { ListMessagesQuery } from './dto/list-messages.query.js';
import { LocalIdInterceptor } from './interceptors/local-id.interceptor.js';
import type { ChatMessageResponse } from './message.mapper.js';
import { MessagesService, type MessagePage } from './messages.service.js';
import { MetadataSizePipe } from './pipes/metadata-size.pipe.js';
import { ParentMessagePipe } from './pipes/parent-message.pipe.js';
import { QuotedMessagePipe } from './pipes/quoted-message.pipe.js';
import { SendMessageBodyPipe } from './pipes/send-message-body.pipe.js';
import { SendMessage } from './send-message.js';
import type { SendMessageDraft } from './send-message.request.js';

@Controller(':projectId/chat/conversations/:conversationId/messages')
@UseFilters(AppExceptionFilter)
export class MessagesController {
  constructor(
    private readonly sendMessage: SendMessage,
    private readonly editMessage: EditMessage,
    private readonly deleteMessage: DeleteMessage,
    private readonly messages: MessagesService,
  ) {}

  /**
   * Send Message. Guards: authenticate → active member → posting permission. Then a multipart
   * body is streamed (files to storage), the body validated, and the metadata, parent and quote
   * checked by the pipes, in that order. The upload interceptor removes stored files that no
   * committed message took.
   */
  @Post()
  @HttpCode(201)
  @PostingAccess()
  @UseInterceptors(MessageUploadInterceptor, LocalIdInterceptor)
  send(
    @SendMessageRequest(SendMessageBodyPipe, MetadataSizePipe, ParentMessagePipe, QuotedMessagePipe)
    draft: SendMessageDraft,
  ): Promise<ChatMessageResponse> {
    return this.sendMessage.execute(draft);
  }

  @Get()
  @ReaderAccess()
  @UsePipes(new AppValidationPipe('chat'))
  list(
    @ActingUser() principal: UserPrincipal,
    @CurrentConversation() reader: ConversationAccess,
    @Query() query: ListMessagesQuery,
    @CurrentReputationView() view: ReputationView,
  ): Promise<MessagePage> {
    return this.messages.list(reader, principal.user.id, query, view);
  }

  @Get(':messageId')
  @ReaderAccess()
  get(
    @ActingUser() principal: UserPrincipal,
    @CurrentConversation() reader: ConversationAccess,
    @Param('messageId') messageId: string,
    @CurrentReputationView() view: ReputationView,
  ): Promise<ChatMessageResponse> {
    return this.messages.get(reader, principal.user.id, messageId, view);
  }

  @Patch(':messageId')
  @ActiveMemberAccess()
  @UsePipes(new AppValidationPipe('chat'))
  edit(
    @CurrentConversation() member: ConversationAccess,
    @Param('messageId') messageId: string,
    @Body() body: EditMessageDto,
  ): Promise<ChatMessageResponse> {
    return this.editMessage.execute(member, messageId, body);
  }

  @Delete(':messageId')
  @ActiveMemberAccess()
  delete(
    @CurrentConversation() member: ConversationAccess,
    @Param('messageId') messageId: string,
  ): Promise<DeleteMessageResult> {
    return this.deleteMessage.execute(member, messageId);
  }
}
