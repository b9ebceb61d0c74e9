import { IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../../common/pagination/pagination.js';
import { CONVERSATION_MEMBER_ROLES, type ConversationMemberRole } from '../conversation-member.entity.js';

export class ListMembersQuery extends PaginationQuery {
  @IsOptional()
  @IsIn(CONVERSATION_MEMBER_ROLES)
  role?: ConversationMemberRole;
}
