/**
 * Who may download a message's attachments. Chat implements it (membership is Chat's knowledge)
 * and provides it under `FILE_ACCESS_PORT`; Files never imports Chat.
 */
export interface FileAccessPort {
  /**
   * True when `userId` may read the message: an active member of its conversation, or a former
   * member and the message was sent before they left.
   */
  canReadMessage(projectId: string, userId: string, chatMessageId: string): Promise<boolean>;
}

export const FILE_ACCESS_PORT = Symbol('FILE_ACCESS_PORT');
