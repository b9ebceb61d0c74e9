import { IsIn, IsOptional, IsString } from 'class-validator';
import { MaxChars } from '../../../common/validation/text-length.js';
import { IfPresent } from '../../../common/validation/if-present.js';
import { IsPlainJsonObject } from '../../../common/validation/is-plain-json-object.js';
import { POSTING_PERMISSIONS, type PostingPermission } from '../conversation.entity.js';

export class UpdateConversationDto {
  @IsOptional()
  @IsString()
  @MaxChars(200)
  name?: string | null;

  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @IfPresent()
  @IsIn(POSTING_PERMISSIONS)
  postingPermission?: PostingPermission;

  @IfPresent()
  @IsPlainJsonObject(10)
  metadata?: Record<string, unknown>;
}
