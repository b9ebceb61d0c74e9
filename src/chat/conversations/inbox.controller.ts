import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters, UsePipes } from '@nestjs/common';
import { ActingUser, ActsAsUser } from '../../auth/auth.decorators.js';
import type { UserPrincipal } from '../../auth/principal.js';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../../common/validation/app-validation.pipe.js';
import { ListConversationsQuery } from './dto/list-conversations.query.js';
import { MarkReadDto } from './dto/mark-read.dto.js';
import { MuteDto } from './dto/mute.dto.js';
import { type ConversationPreview, InboxService } from './inbox.service.js';

/** The caller's conversations as a list, with unread counts; read markers and mutes. */
@Controller(':projectId/chat/conversations')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('chat'))
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ActsAsUser()
  list(@ActingUser() principal: UserPrincipal, @Query() query: ListConversationsQuery) {
    return this.inbox.list(principal.projectId, principal.user, query);
  }

  @Get('unread-count')
  @ActsAsUser()
  unreadCount(@ActingUser() principal: UserPrincipal) {
    return this.inbox.unreadCount(principal.projectId, principal.user);
  }

  @Get(':conversationId/preview')
  @ActsAsUser()
  preview(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
  ): Promise<ConversationPreview> {
    return this.inbox.preview(principal.projectId, principal.user, conversationId);
  }

  @Post(':conversationId/read')
  @HttpCode(200)
  @ActsAsUser()
  async markRead(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Body() body: MarkReadDto,
  ): Promise<{ message: string }> {
    await this.inbox.markRead(principal.projectId, conversationId, principal.user, body.messageId);
    return { message: 'Marked as read.' };
  }

  @Post(':conversationId/mute')
  @HttpCode(200)
  @ActsAsUser()
  mute(@ActingUser() principal: UserPrincipal, @Param('conversationId') conversationId: string, @Body() body: MuteDto) {
    return this.inbox.mute(principal.projectId, conversationId, principal.user, body.duration);
  }
}
