import { MessageContentDto } from './send-message.dto.js';

/** The body of Edit Message: any of content, gif, mentions, metadata; absent fields stay as they are. */
export class EditMessageDto extends MessageContentDto {}
