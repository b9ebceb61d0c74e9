import request from 'supertest';
import { DataSource } from 'typeorm';
import type { TestProject, TestUser } from './factories.js';
import type { HttpTarget, TestApp } from './test-app.js';

/** Creates a group owned by `owner` with `members`; returns its id. */
export async function createGroup(
  server: HttpTarget,
  project: TestProject,
  owner: TestUser,
  members: TestUser[] = [],
): Promise<string> {
  const response = await request(server.http)
    .post(`${project.base}/chat/conversations`)
    .set(owner.auth)
    .send({ type: 'group', name: 'Test group', memberIds: members.map((member) => member.id) });
  if (response.status !== 201) throw new Error(`createGroup: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}

export function messagesPath(project: TestProject, conversationId: string): string {
  return `${project.base}/chat/conversations/${conversationId}/messages`;
}

/** Sends a JSON message and expects it to be created; returns the message. */
export async function sendText(
  server: HttpTarget,
  project: TestProject,
  sender: TestUser,
  conversationId: string,
  body: Record<string, unknown> = { content: 'hello' },
): Promise<Record<string, any>> {
  const response = await request(server.http).post(messagesPath(project, conversationId)).set(sender.auth).send(body);
  if (response.status !== 201) throw new Error(`sendText: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, any>;
}

/** Runs SQL on the test app's database. */
export function sql<T = Record<string, any>>(testApp: TestApp, query: string, params: unknown[] = []): Promise<T[]> {
  return testApp.app.get(DataSource).query(query, params);
}

/**
 * Everything a send may change, so a test can assert that a rejected send changed none of it:
 * the messages, the conversation's `last_message_at`, the members' read markers and every
 * message's reply count.
 */
export async function chatState(testApp: TestApp, conversationId: string): Promise<unknown> {
  const [messages, conversation, members] = await Promise.all([
    sql(testApp, 'SELECT id, thread_reply_count FROM chat_messages WHERE conversation_id = $1 ORDER BY id', [
      conversationId,
    ]),
    sql(testApp, 'SELECT last_message_at FROM conversations WHERE id = $1', [conversationId]),
    sql(
      testApp,
      'SELECT user_id, last_read_at, is_active FROM conversation_members WHERE conversation_id = $1 ORDER BY user_id',
      [conversationId],
    ),
  ]);
  return { messages, conversation, members };
}
