import { IsString } from 'class-validator';
import { CharsBetween } from '../../common/validation/text-length.js';

export class FindByForeignIdQuery {
  @IsString()
  @CharsBetween(1, 255)
  foreignId: string;
}
