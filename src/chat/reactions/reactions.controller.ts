import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters, UsePipes } from '@nestjs/common';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import { pageRequest } from '../../common/pagination/pagination.js';
import { AppValidationPipe } from '../../common/validation/app-validation.pipe.js';
import {
  ActiveMemberAccess,
  CurrentConversation,
  ReaderAccess,
} from '../conversations/conversation-access.decorators.js';
import type { ConversationAccess } from '../conversations/conversation-access.service.js';
import { ListReactionsQuery } from './dto/list-reactions.query.js';
import { ToggleReactionDto } from './dto/toggle-reaction.dto.js';
import { type ReactionPage, ReactionsService } from './reactions.service.js';

@Controller(':projectId/chat/conversations/:conversationId/messages/:messageId/reactions')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('chat'))
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Post()
  @HttpCode(200)
  @ActiveMemberAccess()
  toggle(
    @CurrentConversation() member: ConversationAccess,
    @Param('messageId') messageId: string,
    @Body() body: ToggleReactionDto,
  ) {
    return this.reactions.toggle(member, messageId, body.emoji);
  }

  @Get()
  @ReaderAccess()
  list(
    @CurrentConversation() reader: ConversationAccess,
    @Param('messageId') messageId: string,
    @Query() query: ListReactionsQuery,
  ): Promise<ReactionPage> {
    return this.reactions.usersWhoReacted(reader, messageId, query.emoji, pageRequest(query, 50));
  }
}
