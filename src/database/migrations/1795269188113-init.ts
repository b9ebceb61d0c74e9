import type { MigrationInterface, QueryRunner } from 'typeorm';

// The initial schema (DESIGN.md §5). Generated from the entities by the TypeORM CLI.

export class Init1795269188113 implements MigrationInterface {
  name = 'Init1795269188113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "jwt_secret" character varying(128) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_projects" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "foreign_id" character varying(255) NOT NULL, "name" character varying(255), "username" character varying(255), "avatar" character varying(2048), "metadata" jsonb NOT NULL DEFAULT '{}', "reputation" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_project_foreign_id" ON "users"  ("project_id", "foreign_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "spaces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "parent_space_id" uuid, "depth" smallint NOT NULL DEFAULT '0', "name" character varying(100) NOT NULL, "slug" character varying(100), "description" character varying(1000), "reading_permission" character varying(16) NOT NULL DEFAULT 'anyone', "require_join_approval" boolean NOT NULL DEFAULT true, "created_by_id" uuid, "metadata" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_spaces_root_depth" CHECK (("parent_space_id" IS NULL) = ("depth" = 0)), CONSTRAINT "chk_spaces_reading_permission" CHECK ("reading_permission" IN ('anyone', 'members')), CONSTRAINT "chk_spaces_depth" CHECK ("depth" BETWEEN 0 AND 10), CONSTRAINT "pk_spaces" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_spaces_parent" ON "spaces"  ("parent_space_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_spaces_project_slug" ON "spaces"  ("project_id", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "name" character varying(200), "description" character varying(1000), "space_id" uuid, "created_by_id" uuid, "posting_permission" character varying(16), "direct_key" character varying(80), "metadata" jsonb NOT NULL DEFAULT '{}', "last_message_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_conversations_direct_key" CHECK (("type" = 'direct') = ("direct_key" IS NOT NULL)), CONSTRAINT "chk_conversations_space_fields" CHECK (("type" = 'space') = ("space_id" IS NOT NULL) AND ("type" = 'space') = ("posting_permission" IS NOT NULL)), CONSTRAINT "chk_conversations_posting_permission" CHECK ("posting_permission" IN ('members', 'admins')), CONSTRAINT "chk_conversations_type" CHECK ("type" IN ('direct', 'group', 'space')), CONSTRAINT "pk_conversations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_conversations_project_last_message" ON "conversations"  ("project_id", "last_message_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_conversations_direct_key" ON "conversations"  ("project_id", "direct_key") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_conversations_space" ON "conversations"  ("space_id") `);
    await queryRunner.query(
      `CREATE TABLE "chat_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "user_id" uuid, "content" text, "gif" jsonb, "mentions" jsonb NOT NULL DEFAULT '[]', "metadata" jsonb NOT NULL DEFAULT '{}', "parent_message_id" uuid, "quoted_message_id" uuid, "thread_reply_count" integer NOT NULL DEFAULT '0', "edited_at" TIMESTAMP(3) WITH TIME ZONE, "user_deleted_at" TIMESTAMP(3) WITH TIME ZONE, "moderation_status" character varying(16), "moderated_at" TIMESTAMP(3) WITH TIME ZONE, "moderated_by_id" uuid, "moderation_reason" character varying(1000), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_chat_messages_thread_reply_count" CHECK ("thread_reply_count" >= 0), CONSTRAINT "chk_chat_messages_moderation_status" CHECK ("moderation_status" IN ('approved', 'removed')), CONSTRAINT "chk_chat_messages_content_length" CHECK (char_length("content") <= 4000), CONSTRAINT "pk_chat_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_chat_messages_quoted" ON "chat_messages"  ("quoted_message_id") WHERE "quoted_message_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_chat_messages_user" ON "chat_messages"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_chat_messages_parent_created" ON "chat_messages"  ("parent_message_id", "created_at", "id") WHERE "parent_message_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_chat_messages_conversation_created" ON "chat_messages"  ("conversation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "chat_message_reactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "message_id" uuid NOT NULL, "user_id" uuid NOT NULL, "emoji" character varying(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_chat_message_reactions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_chat_message_reactions_user" ON "chat_message_reactions"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_chat_message_reactions_message_user_emoji" ON "chat_message_reactions"  ("message_id", "user_id", "emoji") `,
    );
    await queryRunner.query(
      `CREATE TABLE "conversation_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16), "is_active" boolean NOT NULL DEFAULT true, "left_at" TIMESTAMP(3) WITH TIME ZONE, "last_read_at" TIMESTAMP(3) WITH TIME ZONE, "muted_until" TIMESTAMP(3) WITH TIME ZONE, "muted_forever" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_conversation_members_role" CHECK ("role" IN ('admin', 'member')), CONSTRAINT "pk_conversation_members" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_conversation_members_user_active" ON "conversation_members"  ("user_id", "is_active") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_conversation_members_conversation_user" ON "conversation_members"  ("conversation_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "chat_message_id" uuid, "user_id" uuid, "type" character varying(16) NOT NULL, "storage_key" character varying(512) NOT NULL, "original_name" character varying(255) NOT NULL, "original_size" bigint NOT NULL, "mime_type" character varying(255) NOT NULL, "position" smallint NOT NULL DEFAULT '0', "metadata" jsonb NOT NULL DEFAULT '{}', "image" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_files_type" CHECK ("type" IN ('image', 'video', 'document', 'other')), CONSTRAINT "pk_files" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_files_chat_message_position" ON "files"  ("chat_message_id", "position") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_files_storage_key" ON "files"  ("storage_key") `);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_keys_project" ON "api_keys"  ("project_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "reputation_buckets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "user_id" uuid NOT NULL, "space_id" uuid, "value" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_reputation_buckets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reputation_buckets_space" ON "reputation_buckets"  ("space_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reputation_buckets_space" ON "reputation_buckets"  ("user_id", "space_id") WHERE "space_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reputation_buckets_general" ON "reputation_buckets"  ("user_id") WHERE "space_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "space_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "space_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'member', "status" character varying(16) NOT NULL DEFAULT 'active', "joined_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_space_members_status" CHECK ("status" IN ('pending', 'active', 'banned', 'rejected')), CONSTRAINT "chk_space_members_role" CHECK ("role" IN ('admin', 'moderator', 'member')), CONSTRAINT "pk_space_members" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_space_members_user" ON "space_members"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_space_members_space_user" ON "space_members"  ("space_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spaces" ADD CONSTRAINT "fk_spaces_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spaces" ADD CONSTRAINT "fk_spaces_parent" FOREIGN KEY ("parent_space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spaces" ADD CONSTRAINT "fk_spaces_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "fk_conversations_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "fk_conversations_space" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "fk_conversations_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "fk_chat_messages_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "fk_chat_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "fk_chat_messages_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "fk_chat_messages_parent" FOREIGN KEY ("parent_message_id") REFERENCES "chat_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "fk_chat_messages_quoted" FOREIGN KEY ("quoted_message_id") REFERENCES "chat_messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_message_reactions" ADD CONSTRAINT "fk_chat_message_reactions_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_message_reactions" ADD CONSTRAINT "fk_chat_message_reactions_message" FOREIGN KEY ("message_id") REFERENCES "chat_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_message_reactions" ADD CONSTRAINT "fk_chat_message_reactions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_members" ADD CONSTRAINT "fk_conversation_members_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_members" ADD CONSTRAINT "fk_conversation_members_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversation_members" ADD CONSTRAINT "fk_conversation_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "files" ADD CONSTRAINT "fk_files_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "files" ADD CONSTRAINT "fk_files_chat_message" FOREIGN KEY ("chat_message_id") REFERENCES "chat_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "files" ADD CONSTRAINT "fk_files_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_buckets" ADD CONSTRAINT "fk_reputation_buckets_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_buckets" ADD CONSTRAINT "fk_reputation_buckets_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_buckets" ADD CONSTRAINT "fk_reputation_buckets_space" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_members" ADD CONSTRAINT "fk_space_members_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_members" ADD CONSTRAINT "fk_space_members_space" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_members" ADD CONSTRAINT "fk_space_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "space_members" DROP CONSTRAINT "fk_space_members_user"`);
    await queryRunner.query(`ALTER TABLE "space_members" DROP CONSTRAINT "fk_space_members_space"`);
    await queryRunner.query(`ALTER TABLE "space_members" DROP CONSTRAINT "fk_space_members_project"`);
    await queryRunner.query(`ALTER TABLE "reputation_buckets" DROP CONSTRAINT "fk_reputation_buckets_space"`);
    await queryRunner.query(`ALTER TABLE "reputation_buckets" DROP CONSTRAINT "fk_reputation_buckets_user"`);
    await queryRunner.query(`ALTER TABLE "reputation_buckets" DROP CONSTRAINT "fk_reputation_buckets_project"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_project"`);
    await queryRunner.query(`ALTER TABLE "files" DROP CONSTRAINT "fk_files_user"`);
    await queryRunner.query(`ALTER TABLE "files" DROP CONSTRAINT "fk_files_chat_message"`);
    await queryRunner.query(`ALTER TABLE "files" DROP CONSTRAINT "fk_files_project"`);
    await queryRunner.query(`ALTER TABLE "conversation_members" DROP CONSTRAINT "fk_conversation_members_user"`);
    await queryRunner.query(
      `ALTER TABLE "conversation_members" DROP CONSTRAINT "fk_conversation_members_conversation"`,
    );
    await queryRunner.query(`ALTER TABLE "conversation_members" DROP CONSTRAINT "fk_conversation_members_project"`);
    await queryRunner.query(`ALTER TABLE "chat_message_reactions" DROP CONSTRAINT "fk_chat_message_reactions_user"`);
    await queryRunner.query(`ALTER TABLE "chat_message_reactions" DROP CONSTRAINT "fk_chat_message_reactions_message"`);
    await queryRunner.query(`ALTER TABLE "chat_message_reactions" DROP CONSTRAINT "fk_chat_message_reactions_project"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "fk_chat_messages_quoted"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "fk_chat_messages_parent"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "fk_chat_messages_user"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "fk_chat_messages_conversation"`);
    await queryRunner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "fk_chat_messages_project"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "fk_conversations_created_by"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "fk_conversations_space"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "fk_conversations_project"`);
    await queryRunner.query(`ALTER TABLE "spaces" DROP CONSTRAINT "fk_spaces_created_by"`);
    await queryRunner.query(`ALTER TABLE "spaces" DROP CONSTRAINT "fk_spaces_parent"`);
    await queryRunner.query(`ALTER TABLE "spaces" DROP CONSTRAINT "fk_spaces_project"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_project"`);
    await queryRunner.query(`DROP INDEX "public"."uq_space_members_space_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_space_members_user"`);
    await queryRunner.query(`DROP TABLE "space_members"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reputation_buckets_general"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reputation_buckets_space"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reputation_buckets_space"`);
    await queryRunner.query(`DROP TABLE "reputation_buckets"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_key_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_keys_project"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."uq_files_storage_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_files_chat_message_position"`);
    await queryRunner.query(`DROP TABLE "files"`);
    await queryRunner.query(`DROP INDEX "public"."uq_conversation_members_conversation_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversation_members_user_active"`);
    await queryRunner.query(`DROP TABLE "conversation_members"`);
    await queryRunner.query(`DROP INDEX "public"."uq_chat_message_reactions_message_user_emoji"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_message_reactions_user"`);
    await queryRunner.query(`DROP TABLE "chat_message_reactions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_conversation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_parent_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_chat_messages_quoted"`);
    await queryRunner.query(`DROP TABLE "chat_messages"`);
    await queryRunner.query(`DROP INDEX "public"."uq_conversations_space"`);
    await queryRunner.query(`DROP INDEX "public"."uq_conversations_direct_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversations_project_last_message"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_spaces_project_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_spaces_parent"`);
    await queryRunner.query(`DROP TABLE "spaces"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_project_foreign_id"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
