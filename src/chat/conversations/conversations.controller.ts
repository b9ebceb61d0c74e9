import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res, UseFilters, UsePipes } from '@nestjs/common';
import type { Response } from 'express';
import { ActingUser, ActsAsUser } from '../../auth/auth.decorators.js';
import type { UserPrincipal } from '../../auth/principal.js';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../../common/validation/app-validation.pipe.js';
import {
  CurrentConversation,
  CurrentReputationView,
  ReaderAccess,
  type ReputationView,
} from './conversation-access.decorators.js';
import type { ConversationAccess } from './conversation-access.service.js';
import type { ConversationMemberResponse, ConversationResponse } from './conversation.mapper.js';
import { ConversationsService } from './conversations.service.js';
import { DeleteConversation } from './delete-conversation.js';
import { ChangeRoleDto } from './dto/change-role.dto.js';
import { ListMembersQuery } from './dto/list-members.query.js';
import { type MemberPage, MembersService } from './members.service.js';
import { CreateGroupDto } from './dto/create-group.dto.js';
import { TargetUserDto } from './dto/target-user.dto.js';
import { UpdateConversationDto } from './dto/update-conversation.dto.js';

@Controller(':projectId/chat/conversations')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('chat'))
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly memberships: MembersService,
    private readonly deleteConversation: DeleteConversation,
  ) {}

  @Post()
  @ActsAsUser()
  createGroup(@ActingUser() principal: UserPrincipal, @Body() body: CreateGroupDto): Promise<ConversationResponse> {
    return this.conversations.createGroup(principal.projectId, principal.user, body);
  }

  /** 201 when the pair's conversation is created, 200 when it already existed. */
  @Post('direct')
  @ActsAsUser({ actingUserField: 'actingUserId' })
  async openDirect(
    @ActingUser() principal: UserPrincipal,
    @Body() body: TargetUserDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConversationResponse> {
    const { conversation, created } = await this.conversations.openDirect(
      principal.projectId,
      principal.user,
      body.userId,
    );
    response.status(created ? 201 : 200);
    return conversation;
  }

  @Get(':conversationId')
  @ReaderAccess()
  get(@CurrentConversation() reader: ConversationAccess): Promise<ConversationResponse> {
    return this.conversations.get(reader.conversation, reader.member);
  }

  @Delete(':conversationId')
  @ActsAsUser()
  async delete(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
  ): Promise<{ message: string }> {
    await this.deleteConversation.execute(principal.projectId, conversationId, principal.user);
    return { message: 'Conversation deleted.' };
  }

  @Get(':conversationId/members')
  @ReaderAccess()
  listMembers(
    @CurrentConversation() reader: ConversationAccess,
    @Query() query: ListMembersQuery,
    @CurrentReputationView() view: ReputationView,
  ): Promise<MemberPage> {
    return this.memberships.list(reader, query, view);
  }

  @Patch(':conversationId/members/:userId/role')
  @ActsAsUser({ actingUserField: 'actingUserId' })
  changeRole(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Param('userId') userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<ConversationMemberResponse> {
    return this.memberships.changeRole(principal.projectId, conversationId, principal.user, userId, body.role);
  }

  @Patch(':conversationId')
  @ActsAsUser()
  update(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Body() body: UpdateConversationDto,
  ): Promise<ConversationResponse> {
    return this.conversations.update(principal.projectId, conversationId, principal.user, body);
  }

  /** 201 when the user became an active member, 200 when they already were. */
  @Post(':conversationId/members')
  @ActsAsUser({ actingUserField: 'actingUserId' })
  async addMember(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Body() body: TargetUserDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConversationMemberResponse> {
    const { member, added } = await this.conversations.addMember(
      principal.projectId,
      conversationId,
      principal.user,
      body.userId,
    );
    response.status(added ? 201 : 200);
    return member;
  }

  @Delete(':conversationId/members/:userId')
  @ActsAsUser({ actingUserField: 'actingUserId' })
  async removeMember(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
    @Param('userId') userId: string,
  ): Promise<{ message: string }> {
    await this.conversations.removeMember(principal.projectId, conversationId, principal.user, userId);
    return { message: 'Member removed.' };
  }

  @Delete(':conversationId/leave')
  @ActsAsUser()
  async leave(
    @ActingUser() principal: UserPrincipal,
    @Param('conversationId') conversationId: string,
  ): Promise<{ message: string }> {
    await this.conversations.leave(principal.projectId, conversationId, principal.user);
    return { message: 'Left conversation.' };
  }
}
