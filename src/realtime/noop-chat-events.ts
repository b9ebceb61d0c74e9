import { Injectable } from '@nestjs/common';
import { ChatEvents } from './chat-events.js';

/** Chat's events when the host turned the gateway off and gave no `ChatEvents` of its own: dropped. */
@Injectable()
export class NoopChatEvents extends ChatEvents {
  emit(): void {}

  membersJoined(): void {}

  membersLeft(): void {}
}
