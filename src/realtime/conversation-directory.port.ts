/**
 * What the realtime gateway needs to know about conversations. Chat implements it and provides it
 * under `CONVERSATION_DIRECTORY`; Realtime never imports Chat.
 */
export interface ConversationDirectory {
  /** Ids of the conversations in which the user is an active member. */
  activeConversationIds(projectId: string, userId: string): Promise<string[]>;
}

export const CONVERSATION_DIRECTORY = Symbol('CONVERSATION_DIRECTORY');
