import type { ValueTransformer } from 'typeorm';

/**
 * Column options shared by every table. Timestamps keep millisecond precision because the API
 * emits ISO strings with milliseconds: a cursor a client sends back must compare equal to the row.
 */
export const timestampColumn = { type: 'timestamptz', precision: 3 } as const;

/** `bigint` arrives from pg as a string; sizes and counts here fit a JS number exactly. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
