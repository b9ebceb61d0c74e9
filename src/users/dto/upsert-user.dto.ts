import { IsOptional, IsString, IsUrl } from 'class-validator';
import { MaxChars, CharsBetween } from '../../common/validation/text-length.js';
import { IfPresent } from '../../common/validation/if-present.js';
import { IsPlainJsonObject } from '../../common/validation/is-plain-json-object.js';

export class UpsertUserDto {
  @IsString()
  @CharsBetween(1, 255)
  foreignId: string;

  @IsOptional()
  @IsString()
  @MaxChars(255)
  name?: string | null;

  @IsOptional()
  @IsString()
  @MaxChars(255)
  username?: string | null;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxChars(2048)
  avatar?: string | null;

  @IfPresent()
  @IsPlainJsonObject(10)
  metadata?: Record<string, unknown>;
}
