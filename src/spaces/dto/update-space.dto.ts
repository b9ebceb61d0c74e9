import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { IfPresent } from '../../common/validation/if-present.js';
import { MaxChars } from '../../common/validation/text-length.js';
import { IsPlainJsonObject } from '../../common/validation/is-plain-json-object.js';
import { SPACE_READING_PERMISSIONS, type SpaceReadingPermission } from '../space.entity.js';
import { SpaceName, SpaceSlug } from './space-fields.js';

// Every field is optional; `slug` and `description` are cleared with null (or "" for slug).
export class UpdateSpaceDto {
  @IfPresent()
  @SpaceName()
  name?: string;

  @SpaceSlug()
  slug?: string | null;

  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @IfPresent()
  @IsIn(SPACE_READING_PERMISSIONS)
  readingPermission?: SpaceReadingPermission;

  @IfPresent()
  @IsBoolean()
  requireJoinApproval?: boolean;

  @IfPresent()
  @IsPlainJsonObject(10)
  metadata?: Record<string, unknown>;
}
