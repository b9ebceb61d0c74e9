import type { DataSource } from 'typeorm';

// Chat's own routes are not there yet: these write the rows that file access depends on, as
// Chat's tables define them.

/** A group conversation with these active members. */
export async function createConversation(db: DataSource, projectId: string, memberIds: string[]): Promise<string> {
  const [{ id }] = await db.query<{ id: string }[]>(
    `INSERT INTO conversations (project_id, type, created_by_id) VALUES ($1, 'group', $2) RETURNING id`,
    [projectId, memberIds[0]],
  );
  for (const userId of memberIds) {
    await db.query(
      `INSERT INTO conversation_members (project_id, conversation_id, user_id, role) VALUES ($1, $2, $3, 'member')`,
      [projectId, id, userId],
    );
  }
  return id;
}

/** A message by `userId`, created at `createdAt` (default now). */
export async function createMessage(
  db: DataSource,
  projectId: string,
  conversationId: string,
  userId: string,
  createdAt = new Date(),
): Promise<string> {
  const [{ id }] = await db.query<{ id: string }[]>(
    `INSERT INTO chat_messages (project_id, conversation_id, user_id, content, created_at, updated_at)
     VALUES ($1, $2, $3, 'with files', $4, $4) RETURNING id`,
    [projectId, conversationId, userId, createdAt],
  );
  return id;
}

/** The member leaves at `at`. */
export async function leaveConversation(db: DataSource, conversationId: string, userId: string, at: Date) {
  await db.query(
    `UPDATE conversation_members SET is_active = false, left_at = $3 WHERE conversation_id = $1 AND user_id = $2`,
    [conversationId, userId, at],
  );
}

/** The file rows of a message (or of the project), as stored. */
export async function fileRows(
  db: DataSource,
  where: { projectId: string; chatMessageId?: string },
): Promise<{ id: string; storage_key: string; position: number; type: string; mime_type: string }[]> {
  return db.query(
    `SELECT id, storage_key, position, type, mime_type FROM files
     WHERE project_id = $1 AND ($2::uuid IS NULL OR chat_message_id = $2) ORDER BY position`,
    [where.projectId, where.chatMessageId ?? null],
  );
}
