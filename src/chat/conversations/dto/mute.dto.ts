import { IsIn, ValidateIf } from 'class-validator';

export const MUTE_DURATIONS = ['8h', '24h', '1w', 'forever'] as const;
export type MuteDuration = (typeof MUTE_DURATIONS)[number];

export class MuteDto {
  /** Required: a duration, or null to unmute. */
  @ValidateIf((_, value) => value !== null)
  @IsIn(MUTE_DURATIONS, { message: 'duration must be one of 8h, 24h, 1w, forever, or null' })
  duration: MuteDuration | null;
}
