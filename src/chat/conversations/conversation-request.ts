import type { ConversationAccess } from './conversation-access.service.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the conversation guards: the conversation of the route and the caller's membership. */
    conversationAccess?: ConversationAccess;
  }
}

export {};
