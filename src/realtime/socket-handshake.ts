import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { AuthService } from '../auth/auth.service.js';
import { AppError } from '../common/errors/app-error.js';
import { CommonErrors } from '../common/errors/common.errors.js';
import { isUuid } from '../common/util/ids.js';
import type { ConversationDirectory } from './conversation-directory.port.js';
import type { ChatSocket, ConnectErrorData, SocketIdentity } from './socket-contract.js';

/**
 * socket.io middleware that admits a socket only with a valid user token of the project it names
 * (`auth: { token }`, `query: { projectId }`, as the official client connects), by the same rules
 * as HTTP. A refused socket gets a `connect_error` whose `data` is our `{ error, code }`.
 */
export function socketHandshake(
  auth: AuthService,
  directory: ConversationDirectory,
  logger: Logger,
): (socket: ChatSocket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    identify(socket.handshake, auth, directory).then(
      (identity) => {
        socket.data = identity;
        next();
      },
      (error: unknown) => next(toConnectError(error, logger)),
    );
  };
}

async function identify(
  handshake: ChatSocket['handshake'],
  auth: AuthService,
  directory: ConversationDirectory,
): Promise<SocketIdentity> {
  const token: unknown = (handshake.auth as Record<string, unknown> | undefined)?.token;
  const projectId = handshake.query.projectId;
  if (typeof token !== 'string' || !isUuid(projectId)) throw CommonErrors.unauthorized();
  const { user, expiresAt } = await auth.tokenSession(projectId, token);
  // Read here rather than after connecting, so that the socket is in its rooms from its first moment.
  const conversationIds = await directory.activeConversationIds(projectId, user.id);
  return { projectId, userId: user.id, conversationIds, expiresAt };
}

/** An `Error` whose `data` socket.io sends to the client with the refusal. */
export function toConnectError(error: unknown, logger: Logger): Error & { data: ConnectErrorData } {
  let data: ConnectErrorData;
  if (error instanceof AppError) {
    data = { error: error.message, code: error.code };
  } else {
    const errorId = randomUUID();
    logger.error(`Unhandled error ${errorId} in a socket handshake`, error instanceof Error ? error.stack : error);
    data = { error: 'An unexpected error occurred.', code: 'common/internal', errorId };
  }
  return Object.assign(new Error(data.error), { data });
}
