import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../database/columns.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';

export const SPACE_READING_PERMISSIONS = ['anyone', 'members'] as const;
export type SpaceReadingPermission = (typeof SPACE_READING_PERMISSIONS)[number];

/** Deepest allowed nesting: a root space has depth 0. */
export const MAX_SPACE_DEPTH = 10;

/** A community. Spaces nest through `parentSpaceId` up to `MAX_SPACE_DEPTH` levels. */
@Entity('spaces')
@Index('uq_spaces_project_slug', ['projectId', 'slug'], { unique: true })
@Index('ix_spaces_parent', ['parentSpaceId'])
@Check('chk_spaces_depth', `"depth" BETWEEN 0 AND ${MAX_SPACE_DEPTH}`)
@Check('chk_spaces_reading_permission', `"reading_permission" IN ('anyone', 'members')`)
@Check('chk_spaces_root_depth', `("parent_space_id" IS NULL) = ("depth" = 0)`)
export class Space {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_spaces' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_spaces_project' })
  project?: Relation<Project>;

  @Column({ name: 'parent_space_id', type: 'uuid', nullable: true })
  parentSpaceId: string | null;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_space_id', foreignKeyConstraintName: 'fk_spaces_parent' })
  parentSpace?: Relation<Space> | null;

  @Column({ type: 'smallint', default: 0 })
  depth: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  slug: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ name: 'reading_permission', type: 'varchar', length: 16, default: 'anyone' })
  readingPermission: SpaceReadingPermission;

  @Column({ name: 'require_join_approval', type: 'boolean', default: true })
  requireJoinApproval: boolean;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_spaces_created_by' })
  createdBy?: Relation<User> | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
