import { IsIn } from 'class-validator';
import { SPACE_ROLES, type SpaceRole } from '../space-member.entity.js';

export class UpdateMemberRoleDto {
  @IsIn(SPACE_ROLES)
  role: SpaceRole;
}
