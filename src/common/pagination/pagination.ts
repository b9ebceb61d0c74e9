import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Far beyond any real list; keeps the row offset a safe integer. */
export const MAX_PAGE = 1_000_000;

/** `?page=&limit=` of a paginated list: page from 1, at most `MAX_PAGE_SIZE` items. */
export class PaginationQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/** The page metadata the official client reads. */
export interface PaginationMetadata {
  page: number;
  pageSize: number;
  totalPages: number;
  totalItems: number;
  hasMore: boolean;
}

export interface Paginated<T> {
  data: T[];
  pagination: PaginationMetadata;
}

/** A resolved page request: its number, its size and the rows to skip. */
export interface PageRequest {
  page: number;
  limit: number;
  offset: number;
}

export function pageRequest(query: PaginationQuery, defaultSize = DEFAULT_PAGE_SIZE): PageRequest {
  const page = query.page ?? 1;
  const limit = query.limit ?? defaultSize;
  return { page, limit, offset: (page - 1) * limit };
}

export function paginated<T>(data: T[], total: number, request: PageRequest): Paginated<T> {
  return {
    data,
    pagination: {
      page: request.page,
      pageSize: request.limit,
      totalPages: Math.ceil(total / request.limit),
      totalItems: total,
      hasMore: request.offset + data.length < total,
    },
  };
}
