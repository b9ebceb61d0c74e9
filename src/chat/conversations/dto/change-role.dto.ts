import { IsIn } from 'class-validator';
import { CONVERSATION_MEMBER_ROLES, type ConversationMemberRole } from '../conversation-member.entity.js';

export class ChangeRoleDto {
  @IsIn(CONVERSATION_MEMBER_ROLES)
  role: ConversationMemberRole;
}
