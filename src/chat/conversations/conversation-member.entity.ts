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
import { User } from '../../users/user.entity.js';
import { Conversation } from './conversation.entity.js';

export const CONVERSATION_MEMBER_ROLES = ['admin', 'member'] as const;
export type ConversationMemberRole = (typeof CONVERSATION_MEMBER_ROLES)[number];

/**
 * A user's membership of a conversation. The row outlives leaving (`isActive` false, `leftAt`
 * set) so former members keep their history up to that point. `role` is used by groups only.
 */
@Entity('conversation_members')
@Index('uq_conversation_members_conversation_user', ['conversationId', 'userId'], { unique: true })
@Index('ix_conversation_members_user_active', ['userId', 'isActive'])
@Check('chk_conversation_members_role', `"role" IN ('admin', 'member')`)
export class ConversationMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conversation_members' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_conversation_members_project' })
  project?: Relation<Project>;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_conversation_members_conversation' })
  conversation?: Relation<Conversation>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_conversation_members_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16, nullable: true })
  role: ConversationMemberRole | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'left_at', ...timestampColumn, nullable: true })
  leftAt: Date | null;

  @Column({ name: 'last_read_at', ...timestampColumn, nullable: true })
  lastReadAt: Date | null;

  @Column({ name: 'muted_until', ...timestampColumn, nullable: true })
  mutedUntil: Date | null;

  @Column({ name: 'muted_forever', type: 'boolean', default: false })
  mutedForever: boolean;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
