import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, map, mergeMap, type Observable, throwError } from 'rxjs';
import { FilesService } from '../files.service.js';
import { MessageUploadsService } from './message-uploads.service.js';
import type { StoredUpload } from './stored-upload.js';

/**
 * Receives the files of a multipart Send Message request. Apply it to the route first among its
 * interceptors: `@UseInterceptors(MessageUploadInterceptor, ...)`. As an interceptor it runs after
 * the route's guards, so a non-member's upload is refused before a byte of it is stored.
 *
 * For `multipart/form-data` it streams the `files` parts to storage (limits enforced while
 * streaming, types sniffed, names sanitized, images processed), sets `req.body` to the text fields
 * (strings, to be parsed by the route) and `req.uploads` to the stored files in part order. Other
 * requests pass through untouched.
 *
 * Before the response goes out, the uploads that no committed file row refers to are removed. When
 * anything failed (its own limits, the route's pipes, the handler, the transaction), the database
 * says which those are: all of them if the message's transaction did not commit, none if it did and
 * something failed after. When the handler returned, its transaction committed, so they are the
 * uploads it did not attach with `FilesService.attachToMessage`, known without a query.
 */
@Injectable()
export class MessageUploadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Confab');

  constructor(
    private readonly uploads: MessageUploadsService,
    private readonly files: FilesService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.is('multipart/form-data')) return next.handle();

    const { fields, uploads } = await this.uploads.receive(request, http.getResponse<Response>());
    request.body = fields;
    request.uploads = uploads;
    // Before the response, either way: a client that has its answer finds storage holding exactly
    // the files of committed messages, and no removal is left running for a shutdown to cut off
    // (closing the server closes the database pool right after the last response).
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(this.discardUnreferenced(uploads)).pipe(mergeMap(() => throwError(() => error))),
      ),
      mergeMap((result: unknown) =>
        from(this.uploads.discard(this.files.notAttached(uploads))).pipe(map(() => result)),
      ),
    );
  }

  private async discardUnreferenced(uploads: StoredUpload[]): Promise<void> {
    let unreferenced: StoredUpload[];
    try {
      unreferenced = await this.files.unreferenced(uploads);
    } catch (error) {
      // Without knowing which rows exist, removing could break a message's files: keep them all.
      this.logger.error(`Could not check which uploads are attached: ${(error as Error).message}`);
      return;
    }
    await this.uploads.discard(unreferenced);
  }
}
