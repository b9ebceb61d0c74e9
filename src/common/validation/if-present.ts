import { ValidateIf } from 'class-validator';

/**
 * Validates the field whenever it is present, null included. Unlike `@IsOptional()`, which lets
 * null through, this refuses null for fields whose column cannot hold it.
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_: unknown, value: unknown) => value !== undefined);
