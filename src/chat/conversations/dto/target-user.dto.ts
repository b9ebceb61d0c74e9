import { IsUUID } from 'class-validator';
import { errorContext } from '../../../common/validation/app-validation.pipe.js';

/** `{ userId }`: the other user of a direct conversation, or the member to add. */
export class TargetUserDto {
  @IsUUID('all', errorContext('chat/invalid-member', 'Target user does not belong to this project.'))
  userId: string;
}
