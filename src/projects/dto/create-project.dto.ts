import { IsString } from 'class-validator';
import { CharsBetween } from '../../common/validation/text-length.js';

export class CreateProjectDto {
  @IsString()
  @CharsBetween(1, 100)
  name: string;
}
