import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { CommonErrors } from '../errors/common.errors.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: string;
  code: string;
  field?: string;
  details?: string;
  errorId?: string;
}

/**
 * Renders every failure of an HTTP request as `{ error, code }`. `AppError`s carry their own status
 * and code; Nest's and Express's own errors (unknown route, bad JSON, body too large) are mapped to
 * ours; anything else is a 500 `common/internal` whose `errorId` is logged with the stack.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Confab');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { status, body } = this.render(exception, request);
    if (response.headersSent) {
      // A streamed response failed half-way: the status is gone, so end the connection.
      response.destroy();
      return;
    }
    response.status(status).json(body);
  }

  render(exception: unknown, request: Pick<Request, 'method' | 'path'>): { status: number; body: ErrorBody } {
    const known = toAppError(exception, request);
    if (known) return { status: known.status, body: toBody(known) };

    const errorId = randomUUID();
    this.logger.error(
      `Unhandled error ${errorId} on ${request.method} ${request.path}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      status: 500,
      body: { error: 'An unexpected error occurred.', code: 'common/internal', errorId },
    };
  }
}

function toBody(error: AppError): ErrorBody {
  const body: ErrorBody = { error: error.message, code: error.code };
  if (error.field !== undefined) body.field = error.field;
  if (error.details !== undefined) body.details = error.details;
  return body;
}

/** Maps the errors we expect from the framework to ours; `null` for a real internal failure. */
function toAppError(exception: unknown, request: Pick<Request, 'method' | 'path'>): AppError | null {
  if (exception instanceof AppError) return exception;

  // body-parser raises http-errors with a `type`; Nest may wrap them, keeping them as `cause`.
  const type = bodyParserErrorType(exception);
  if (type === 'entity.parse.failed') return CommonErrors.invalidJson();
  if (type === 'entity.too.large') return CommonErrors.payloadTooLarge();
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return CommonErrors.unsupportedMediaType();

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return CommonErrors.routeNotFound(request.method, request.path);
    if (status === 413) return CommonErrors.payloadTooLarge();
    if (status === 415) return CommonErrors.unsupportedMediaType();
    if (status < 500) return new AppError(status, 'common/bad-request', exception.message);
  }
  return null;
}

function bodyParserErrorType(exception: unknown): unknown {
  const error = exception as { type?: unknown; cause?: { type?: unknown } } | null;
  return error?.type ?? error?.cause?.type;
}
