import type { StoredUpload } from '../../files/uploads/stored-upload.js';
import type { User } from '../../users/user.entity.js';
import type { ReputationView } from '../conversations/conversation-access.decorators.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import type { GifData, Mention } from './chat-message.entity.js';

/** The parts of a Send Message request, as the route hands them to its pipes. */
export interface RawSendMessage {
  /** Found by the membership guard, in the route's project. */
  conversation: Conversation;
  sender: User;
  encoding: 'json' | 'multipart';
  /** The parsed JSON body, or the multipart text fields (all strings). */
  body: unknown;
  /** Files already streamed to storage by the upload interceptor, in part order. */
  uploads: readonly StoredUpload[];
  /** Whether (and how) the sender's `spaceReputation` comes back. */
  reputation: ReputationView;
}

/** A Send Message request whose body has been validated and normalized. */
export interface SendMessageDraft {
  conversation: Conversation;
  sender: User;
  /** A multipart body was read after the guards, while its files uploaded. */
  encoding: 'json' | 'multipart';
  /** Null when absent, empty or only whitespace. */
  content: string | null;
  gif: GifData | null;
  mentions: Mention[];
  metadata: Record<string, unknown>;
  parentMessageId: string | null;
  quotedMessageId: string | null;
  /** Echoed on the response and the realtime event; never stored. */
  localId: string | null;
  uploads: readonly StoredUpload[];
  reputation: ReputationView;
}

/**
 * The `localId` to echo, the same for the response and the realtime event: a non-empty string.
 * In multipart every value is a string, and the SDKs send an absent one as "null".
 */
export function echoedLocalId(raw: unknown, encoding: 'json' | 'multipart'): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  return encoding === 'multipart' && raw === 'null' ? null : raw;
}
