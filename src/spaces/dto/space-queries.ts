import { IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../common/pagination/pagination.js';
import { SPACE_MEMBER_STATUSES, SPACE_ROLES, type SpaceMemberStatus, type SpaceRole } from '../space-member.entity.js';

// The official client may ask for `include=files`; spaces have no avatar or banner files here,
// so the answer is the same with or without it.
const INCLUDES = ['files'] as const;

export class GetSpaceQuery {
  @IsOptional()
  @IsIn(INCLUDES)
  include?: string;
}

export class ListChildrenQuery extends PaginationQuery {
  @IsOptional()
  @IsIn(INCLUDES)
  include?: string;
}

export class ListMembersQuery extends PaginationQuery {
  @IsOptional()
  @IsIn(SPACE_MEMBER_STATUSES)
  status?: SpaceMemberStatus;

  @IsOptional()
  @IsIn(SPACE_ROLES)
  role?: SpaceRole;
}
