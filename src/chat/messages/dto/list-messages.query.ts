import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../../common/pagination/pagination.js';

export const DEFAULT_PAGE_SIZE = 50;

export class MessageFiltersQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  hasReplies?: 'true' | 'false';
}

/** Query of List Messages (`GET .../messages`). */
export class ListMessagesQuery {
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  sort?: 'asc' | 'desc';

  /** Comma-separated extras; only `files` exists. */
  @IsOptional()
  @Matches(/^files(,files)*$/, { message: 'include may only list "files"' })
  include?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => MessageFiltersQuery)
  filters?: MessageFiltersQuery;
}
