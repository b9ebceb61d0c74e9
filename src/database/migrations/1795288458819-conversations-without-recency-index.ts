import type { MigrationInterface, QueryRunner } from 'typeorm';

// Every message sent moves its conversation's `last_message_at`. With that column in an index,
// PostgreSQL cannot update the row in place (a HOT update): each send wrote a new entry into every
// index of `conversations` and left a dead one behind, and a busy conversation's lookups slowed as
// they piled up. No query used the index: the inbox starts from the user's memberships and sorts
// those few rows.

export class ConversationsWithoutRecencyIndex1795288458819 implements MigrationInterface {
  name = 'ConversationsWithoutRecencyIndex1795288458819';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_conversations_project_last_message"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_conversations_project_last_message" ON "conversations"  ("project_id", "last_message_at") `,
    );
  }
}
