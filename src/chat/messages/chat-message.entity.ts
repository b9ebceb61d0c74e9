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
import { Conversation } from '../conversations/conversation.entity.js';

/** A GIF attached to a message, as the GIF provider described it. */
export interface GifData {
  id: string;
  url: string;
  gifUrl: string;
  gifPreviewUrl: string;
  altText: string;
  aspectRatio: string;
}

export type Mention =
  | { type: 'user'; id: string; username: string; foreignId?: string | null }
  | { type: 'space'; id: string; slug: string };

export const MODERATION_STATUSES = ['approved', 'removed'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export const MAX_CONTENT_LENGTH = 4000;

/**
 * A chat message. A reply has `parentMessageId` (threads are one level deep); a quote has
 * `quotedMessageId`. Author deletion keeps the row as a placeholder (`userDeletedAt`); moderation
 * removal (`moderationStatus = 'removed'`) hides it.
 */
@Entity('chat_messages')
@Index('ix_chat_messages_conversation_created', ['conversationId', 'createdAt', 'id'])
@Index('ix_chat_messages_parent_created', ['parentMessageId', 'createdAt', 'id'], {
  where: '"parent_message_id" IS NOT NULL',
})
@Index('ix_chat_messages_user', ['userId'])
@Index('ix_chat_messages_quoted', ['quotedMessageId'], { where: '"quoted_message_id" IS NOT NULL' })
@Check('chk_chat_messages_content_length', `char_length("content") <= ${MAX_CONTENT_LENGTH}`)
@Check('chk_chat_messages_moderation_status', `"moderation_status" IN ('approved', 'removed')`)
@Check('chk_chat_messages_thread_reply_count', `"thread_reply_count" >= 0`)
export class ChatMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_messages' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_chat_messages_project' })
  project?: Relation<Project>;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_chat_messages_conversation' })
  conversation?: Relation<Conversation>;

  /** Null once the sender's account is deleted. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_chat_messages_user' })
  user?: Relation<User> | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'jsonb', nullable: true })
  gif: GifData | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  mentions: Mention[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ name: 'parent_message_id', type: 'uuid', nullable: true })
  parentMessageId: string | null;

  @ManyToOne(() => ChatMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_message_id', foreignKeyConstraintName: 'fk_chat_messages_parent' })
  parentMessage?: Relation<ChatMessage> | null;

  @Column({ name: 'quoted_message_id', type: 'uuid', nullable: true })
  quotedMessageId: string | null;

  @ManyToOne(() => ChatMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'quoted_message_id', foreignKeyConstraintName: 'fk_chat_messages_quoted' })
  quotedMessage?: Relation<ChatMessage> | null;

  /** Replies ever made to this message; only grows. */
  @Column({ name: 'thread_reply_count', type: 'integer', default: 0 })
  threadReplyCount: number;

  @Column({ name: 'edited_at', ...timestampColumn, nullable: true })
  editedAt: Date | null;

  @Column({ name: 'user_deleted_at', ...timestampColumn, nullable: true })
  userDeletedAt: Date | null;

  @Column({ name: 'moderation_status', type: 'varchar', length: 16, nullable: true })
  moderationStatus: ModerationStatus | null;

  @Column({ name: 'moderated_at', ...timestampColumn, nullable: true })
  moderatedAt: Date | null;

  /** A user id, or null when the project itself (an API key) moderated. */
  @Column({ name: 'moderated_by_id', type: 'uuid', nullable: true })
  moderatedById: string | null;

  @Column({ name: 'moderation_reason', type: 'varchar', length: 1000, nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
