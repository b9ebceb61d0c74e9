import { IsInt, IsOptional, IsString, IsUUID, Max, Min, NotEquals } from 'class-validator';
import { MaxChars } from '../../common/validation/text-length.js';
import { errorContext } from '../../common/validation/app-validation.pipe.js';
import { MAX_GRANT_REASON_LENGTH } from '../reputation-grant.entity.js';
import { INVALID_DELTA_MESSAGE, MAX_GRANT_DELTA } from '../reputation.errors.js';

const deltaRule = errorContext('reputation-grant/invalid-body', INVALID_DELTA_MESSAGE);

export class CreateGrantDto {
  @IsUUID()
  userId: string;

  /** Absent or null: the general bucket. */
  @IsOptional()
  @IsUUID()
  spaceId?: string | null;

  @IsInt(deltaRule)
  @NotEquals(0, deltaRule)
  @Min(-MAX_GRANT_DELTA, deltaRule)
  @Max(MAX_GRANT_DELTA, deltaRule)
  delta: number;

  @IsOptional()
  @IsString()
  @MaxChars(MAX_GRANT_REASON_LENGTH)
  reason?: string | null;
}
