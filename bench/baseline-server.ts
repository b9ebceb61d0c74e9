// The floor Send Message is measured against: plain node:http and pg, no framework, no
// validation, no authentication, the whole send in one SQL round trip: membership check, insert,
// touch the conversation, advance the reader, count the reply, and read the sender. The statement is
// prepared (parsed and planned once per connection), as Confab's statements on the send path are.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const ROUTE = /^\/conversations\/([0-9a-f-]{36})\/messages$/;

const SEND = `
WITH conversation AS (
  UPDATE conversations c
     SET last_message_at = GREATEST(clock_timestamp(), c.last_message_at + interval '1 millisecond')
   WHERE c.id = $1
     AND EXISTS (SELECT 1 FROM conversation_members cm WHERE cm.conversation_id = c.id AND cm.user_id = $2 AND cm.is_active)
   RETURNING c.project_id, c.last_message_at
), message AS (
  INSERT INTO chat_messages (project_id, conversation_id, user_id, content, parent_message_id, created_at, updated_at)
  SELECT project_id, $1, $2, $3, $4, last_message_at, last_message_at FROM conversation
  RETURNING *
), reader AS (
  UPDATE conversation_members cm SET last_read_at = message.created_at FROM message
   WHERE cm.conversation_id = $1 AND cm.user_id = $2
), parent AS (
  UPDATE chat_messages p SET thread_reply_count = p.thread_reply_count + 1 FROM message
   WHERE p.id = message.parent_message_id
)
SELECT message.*, to_jsonb(u) AS "user" FROM message JOIN users u ON u.id = message.user_id`;

const server = createServer((request, response) => {
  const match = request.method === 'POST' ? ROUTE.exec(request.url ?? '') : null;
  if (!match) {
    response.writeHead(request.url === '/health' ? 200 : 404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content: string; parentMessageId?: string };
    const values = [match[1], request.headers['x-user-id'], body.content, body.parentMessageId ?? null];
    pool.query({ name: 'send', text: SEND, values }).then(
      ({ rows }) => {
        response
          .writeHead(rows.length ? 201 : 403, { 'content-type': 'application/json' })
          .end(JSON.stringify(rows[0] ?? {}));
      },
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
