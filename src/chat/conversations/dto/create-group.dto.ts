import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxChars } from '../../../common/validation/text-length.js';
import { errorContext } from '../../../common/validation/app-validation.pipe.js';
import { IsPlainJsonObject } from '../../../common/validation/is-plain-json-object.js';

export const MAX_INITIAL_MEMBERS = 500;

export class CreateGroupDto {
  @IsIn(['group'], errorContext('chat/invalid-body', 'type must be "group".'))
  type: 'group';

  @IsOptional()
  @IsString()
  @MaxChars(200)
  name?: string | null;

  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INITIAL_MEMBERS)
  @IsUUID('all', { each: true, context: { code: 'chat/invalid-member', message: 'memberIds must be user ids.' } })
  memberIds?: string[];

  @IsOptional()
  @IsPlainJsonObject(10)
  metadata?: Record<string, unknown>;
}
