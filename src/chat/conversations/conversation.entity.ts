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
import { timestampColumn } from '../../database/columns.js';
import { Project } from '../../projects/project.entity.js';
import { Space } from '../../spaces/space.entity.js';
import { User } from '../../users/user.entity.js';

export const CONVERSATION_TYPES = ['direct', 'group', 'space'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];
export const POSTING_PERMISSIONS = ['members', 'admins'] as const;
export type PostingPermission = (typeof POSTING_PERMISSIONS)[number];

/**
 * A direct chat (one per pair of users), a group, or the chat of a space (one per space). Only
 * space conversations have a space and a posting permission; the checks keep it that way.
 */
@Entity('conversations')
@Index('uq_conversations_space', ['spaceId'], { unique: true })
@Index('uq_conversations_direct_key', ['projectId', 'directKey'], { unique: true })
@Check('chk_conversations_type', `"type" IN ('direct', 'group', 'space')`)
@Check('chk_conversations_posting_permission', `"posting_permission" IN ('members', 'admins')`)
@Check(
  'chk_conversations_space_fields',
  `("type" = 'space') = ("space_id" IS NOT NULL) AND ("type" = 'space') = ("posting_permission" IS NOT NULL)`,
)
@Check('chk_conversations_direct_key', `("type" = 'direct') = ("direct_key" IS NOT NULL)`)
export class Conversation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conversations' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_conversations_project' })
  project?: Relation<Project>;

  @Column({ type: 'varchar', length: 16 })
  type: ConversationType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ name: 'space_id', type: 'uuid', nullable: true })
  spaceId: string | null;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id', foreignKeyConstraintName: 'fk_conversations_space' })
  space?: Relation<Space> | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_conversations_created_by' })
  createdBy?: Relation<User> | null;

  @Column({ name: 'posting_permission', type: 'varchar', length: 16, nullable: true })
  postingPermission: PostingPermission | null;

  /** For direct conversations: the two user ids, sorted and joined, so a pair has one chat. */
  @Column({ name: 'direct_key', type: 'varchar', length: 80, nullable: true })
  directKey: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ name: 'last_message_at', ...timestampColumn, nullable: true })
  lastMessageAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
