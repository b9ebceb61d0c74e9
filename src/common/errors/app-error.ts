/** Extra fields a client may read beside `error` and `code`. */
export interface AppErrorOptions {
  /** The request field the error is about. */
  field?: string;
  /** A short human explanation that adds to `error`. */
  details?: string;
}

/**
 * The one error type of the API. Every expected failure is an `AppError`; the exception filter
 * renders it as `{ error, code, field?, details? }` with its status. Anything else is a 500.
 */
export class AppError extends Error {
  readonly field?: string;
  readonly details?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.field = options.field;
    this.details = options.details;
  }
}

/** 400: the request is malformed or breaks a rule. */
export class BadRequestError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(400, code, message, options);
  }
}

/** 401: no valid credentials. */
export class UnauthorizedError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(401, code, message, options);
  }
}

/** 403: authenticated, but not allowed. */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(403, code, message, options);
  }
}

/** 404: the resource does not exist for this caller. */
export class NotFoundError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(404, code, message, options);
  }
}

/** 409: the request conflicts with existing state. */
export class ConflictError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(409, code, message, options);
  }
}

/** 413: the request or one of its parts is too large. */
export class PayloadTooLargeError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(413, code, message, options);
  }
}

/** 429: too many requests. */
export class TooManyRequestsError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(429, code, message, options);
  }
}

/** 503: a dependency (the database) is unavailable. */
export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string, options?: AppErrorOptions) {
    super(503, code, message, options);
  }
}
