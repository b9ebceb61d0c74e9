import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const DEFAULT_INBOX_PAGE = 20;
export const MAX_INBOX_PAGE = 50;

export class ListConversationsQuery {
  /** Comma-separated types: direct, group, space. */
  @IsOptional()
  @Matches(/^(direct|group|space)(,(direct|group|space))*$/, { message: 'types must list direct, group or space' })
  types?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  cursor?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  cursorCreatedAt?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INBOX_PAGE)
  limit?: number;
}
