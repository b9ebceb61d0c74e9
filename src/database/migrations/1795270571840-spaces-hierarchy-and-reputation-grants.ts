import type { MigrationInterface, QueryRunner } from 'typeorm';

// The space hierarchy as a closure table, the log of reputation grants, and the index member
// lists page through. Tables and indexes generated from the entities by the TypeORM CLI; the
// backfill and the trigger are written by hand.

export class SpacesHierarchyAndReputationGrants1795270571840 implements MigrationInterface {
  name = 'SpacesHierarchyAndReputationGrants1795270571840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reputation_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "user_id" uuid NOT NULL, "space_id" uuid, "delta" integer NOT NULL, "reason" character varying(2000), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_reputation_grants_delta" CHECK ("delta" <> 0), CONSTRAINT "pk_reputation_grants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reputation_grants_space" ON "reputation_grants"  ("space_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_reputation_grants_user_created" ON "reputation_grants"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "space_closure" ("ancestor_id" uuid NOT NULL, "descendant_id" uuid NOT NULL, "project_id" uuid NOT NULL, "distance" smallint NOT NULL, CONSTRAINT "chk_space_closure_distance" CHECK ("distance" BETWEEN 0 AND 10), CONSTRAINT "pk_space_closure" PRIMARY KEY ("ancestor_id", "descendant_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_space_closure_descendant" ON "space_closure"  ("descendant_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_space_members_space_status_created" ON "space_members"  ("space_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_grants" ADD CONSTRAINT "fk_reputation_grants_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_grants" ADD CONSTRAINT "fk_reputation_grants_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputation_grants" ADD CONSTRAINT "fk_reputation_grants_space" FOREIGN KEY ("space_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_closure" ADD CONSTRAINT "fk_space_closure_ancestor" FOREIGN KEY ("ancestor_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_closure" ADD CONSTRAINT "fk_space_closure_descendant" FOREIGN KEY ("descendant_id") REFERENCES "spaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "space_closure" ADD CONSTRAINT "fk_space_closure_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Spaces that exist already get their closure rows: every ancestor, and themselves.
    await queryRunner.query(
      `INSERT INTO "space_closure" ("ancestor_id", "descendant_id", "project_id", "distance")
       WITH RECURSIVE "up" ("descendant_id", "ancestor_id", "parent_space_id", "project_id", "distance") AS (
         SELECT "id", "id", "parent_space_id", "project_id", 0 FROM "spaces"
         UNION ALL
         SELECT "up"."descendant_id", "s"."id", "s"."parent_space_id", "up"."project_id", "up"."distance" + 1
         FROM "up" JOIN "spaces" "s" ON "s"."id" = "up"."parent_space_id"
       )
       SELECT "ancestor_id", "descendant_id", "project_id", "distance" FROM "up"`,
    );

    // The closure rows and depths are written once, with the space. A space that changed parent
    // would leave them stale, and could close a cycle; the database refuses the change outright.
    await queryRunner.query(
      `CREATE FUNCTION "confab_spaces_refuse_reparenting"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'spaces.parent_space_id and spaces.depth cannot change after creation'
           USING ERRCODE = 'check_violation';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_spaces_refuse_reparenting" BEFORE UPDATE OF "parent_space_id", "depth" ON "spaces"
       FOR EACH ROW WHEN (OLD."parent_space_id" IS DISTINCT FROM NEW."parent_space_id" OR OLD."depth" <> NEW."depth")
       EXECUTE FUNCTION "confab_spaces_refuse_reparenting"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_spaces_refuse_reparenting" ON "spaces"`);
    await queryRunner.query(`DROP FUNCTION "confab_spaces_refuse_reparenting"()`);
    await queryRunner.query(`ALTER TABLE "space_closure" DROP CONSTRAINT "fk_space_closure_project"`);
    await queryRunner.query(`ALTER TABLE "space_closure" DROP CONSTRAINT "fk_space_closure_descendant"`);
    await queryRunner.query(`ALTER TABLE "space_closure" DROP CONSTRAINT "fk_space_closure_ancestor"`);
    await queryRunner.query(`ALTER TABLE "reputation_grants" DROP CONSTRAINT "fk_reputation_grants_space"`);
    await queryRunner.query(`ALTER TABLE "reputation_grants" DROP CONSTRAINT "fk_reputation_grants_user"`);
    await queryRunner.query(`ALTER TABLE "reputation_grants" DROP CONSTRAINT "fk_reputation_grants_project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_space_members_space_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_space_closure_descendant"`);
    await queryRunner.query(`DROP TABLE "space_closure"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reputation_grants_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reputation_grants_space"`);
    await queryRunner.query(`DROP TABLE "reputation_grants"`);
  }
}
