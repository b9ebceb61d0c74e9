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
import { bigintToNumber, timestampColumn } from '../database/columns.js';
import { Project } from '../projects/project.entity.js';
import { User } from '../users/user.entity.js';

export const FILE_TYPES = ['image', 'video', 'document', 'other'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** What image processing recorded about an image file (the `image` of the File model). */
export interface FileImageInfo {
  /** As displayed, EXIF orientation applied; null when the image could not be read. */
  originalWidth: number | null;
  originalHeight: number | null;
  variants: Record<
    string,
    { storageKey: string; width: number; height: number; size: number; format: 'webp' | 'jpeg' | 'png' }
  >;
  processingStatus: 'completed' | 'failed';
  processingError: string | null;
  format: string;
  quality: number;
  exifStripped: boolean;
}

/**
 * A stored file. `storageKey` locates the bytes in the configured storage; it is generated, never
 * derived from the client's filename. `type` and `mimeType` come from sniffing the content.
 */
@Entity('files')
@Index('uq_files_storage_key', ['storageKey'], { unique: true })
@Index('ix_files_chat_message_position', ['chatMessageId', 'position'])
@Check('chk_files_type', `"type" IN ('image', 'video', 'document', 'other')`)
export class FileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_files' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_files_project' })
  project?: Relation<Project>;

  @Column({ name: 'chat_message_id', type: 'uuid', nullable: true })
  chatMessageId: string | null;

  // Named by string, not imported: Files must not depend on Chat, but the table keeps the key.
  @ManyToOne('ChatMessage', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_message_id', foreignKeyConstraintName: 'fk_files_chat_message' })
  chatMessage?: unknown;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_files_user' })
  user?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16 })
  type: FileType;

  @Column({ name: 'storage_key', type: 'varchar', length: 512 })
  storageKey: string;

  /** The client's filename, sanitized; for display and downloads only. */
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName: string;

  @Column({ name: 'original_size', type: 'bigint', transformer: bigintToNumber })
  originalSize: number;

  @Column({ name: 'mime_type', type: 'varchar', length: 255 })
  mimeType: string;

  @Column({ type: 'smallint', default: 0 })
  position: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  image: FileImageInfo | null;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
