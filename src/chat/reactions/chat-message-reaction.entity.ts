import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { timestampColumn } from '../../database/columns.js';
import { Project } from '../../projects/project.entity.js';
import { User } from '../../users/user.entity.js';
import { ChatMessage } from '../messages/chat-message.entity.js';

/** One user's emoji on one message. */
@Entity('chat_message_reactions')
@Index('uq_chat_message_reactions_message_user_emoji', ['messageId', 'userId', 'emoji'], { unique: true })
@Index('ix_chat_message_reactions_user', ['userId'])
export class ChatMessageReaction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_message_reactions' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_chat_message_reactions_project' })
  project?: Relation<Project>;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => ChatMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_chat_message_reactions_message' })
  message?: Relation<ChatMessage>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_chat_message_reactions_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 64 })
  emoji: string;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
