import { AppError, BadRequestError, NotFoundError, PayloadTooLargeError } from '../common/errors/app-error.js';

const MiB = 1024 * 1024;

function megabytes(bytes: number): string {
  const value = bytes / MiB;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Errors of stored files and their downloads. */
export const FileErrors = {
  notFound: () => new NotFoundError('file/not-found', 'File not found.'),
  variantNotFound: () => new NotFoundError('file/variant-not-found', 'This file has no such variant.'),
  rangeNotSatisfiable: () =>
    new AppError(416, 'file/range-not-satisfiable', 'The requested range is outside the file.'),
  fileTooLarge: (maxBytes: number) =>
    new PayloadTooLargeError(
      'storage/file-too-large',
      `File size exceeds the allowed limit of ${megabytes(maxBytes)}MB`,
    ),
  messageFilesTooLarge: (maxBytes: number) =>
    new PayloadTooLargeError(
      'storage/files-too-large',
      `The files of a message exceed the allowed total of ${megabytes(maxBytes)}MB.`,
    ),
  imageTooLarge: (maxPixels: number) =>
    new PayloadTooLargeError(
      'storage/image-too-large',
      `Image exceeds the limit of ${Math.round(maxPixels / 1_000_000)} megapixels.`,
    ),
} as const;

/**
 * Errors of a multipart message body. They carry Chat's codes because the upload interceptor only
 * serves the Send Message route, whose contract (DESIGN §4) names them.
 */
export const UploadErrors = {
  tooManyFiles: (max: number) => new BadRequestError('chat/too-many-files', `A message can have at most ${max} files.`),
  unexpectedFile: (field: string) =>
    new BadRequestError('chat/invalid-body', `Files must be sent as "files" parts, not "${field}".`, { field }),
  repeatedField: (field: string) =>
    new BadRequestError('chat/invalid-body', `The field "${field}" must be sent once, as a plain value.`, {
      field,
    }),
  invalidField: (field?: string) =>
    new BadRequestError('chat/invalid-body', 'The multipart body has an invalid field.', { field }),
  tooManyFields: () => new BadRequestError('chat/invalid-body', 'The multipart body has too many fields.'),
  fieldTooLarge: (field?: string) =>
    new PayloadTooLargeError(
      'common/payload-too-large',
      'A field of the request body is larger than the server accepts.',
      {
        field,
      },
    ),
  malformed: () => new BadRequestError('chat/invalid-body', 'The multipart body is malformed.'),
} as const;
