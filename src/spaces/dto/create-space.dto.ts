import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxChars } from '../../common/validation/text-length.js';
import { IsPlainJsonObject } from '../../common/validation/is-plain-json-object.js';
import { SPACE_READING_PERMISSIONS, type SpaceReadingPermission } from '../space.entity.js';
import { SpaceName, SpaceSlug } from './space-fields.js';

// Optional fields accept null as "not given": the official client sends nulls for unset fields.
export class CreateSpaceDto {
  @SpaceName()
  name: string;

  @SpaceSlug()
  slug?: string | null;

  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @IsOptional()
  @IsIn(SPACE_READING_PERMISSIONS)
  readingPermission?: SpaceReadingPermission | null;

  @IsOptional()
  @IsBoolean()
  requireJoinApproval?: boolean | null;

  @IsOptional()
  @IsPlainJsonObject(10)
  metadata?: Record<string, unknown> | null;

  @IsOptional()
  @IsUUID()
  parentSpaceId?: string | null;
}
