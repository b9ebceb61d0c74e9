import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { echoedLocalId } from '../send-message.request.js';

/**
 * Echoes the client's `localId` on the created message, so the client can match it to its
 * optimistic copy. The body has been validated by the time the response passes here; on an error
 * nothing is echoed (the error format has no place for it).
 */
@Injectable()
export class LocalIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      map((message: unknown) => {
        const encoding = request.is('multipart/form-data') ? 'multipart' : 'json';
        const localId = echoedLocalId((request.body as Record<string, unknown> | undefined)?.localId, encoding);
        return localId !== null && typeof message === 'object' && message !== null ? { ...message, localId } : message;
      }),
    );
  }
}
