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
} from 'typeorm';
import { timestampColumn } from '../database/columns.js';
import { Project } from '../projects/project.entity.js';
import { Space } from '../spaces/space.entity.js';
import { User } from '../users/user.entity.js';

/** Longest `reason` a grant may carry. */
export const MAX_GRANT_REASON_LENGTH = 2000;

/**
 * One change of a user's reputation, as applied to a bucket: the audit trail behind the bucket
 * values. Append-only; a correction is another grant with the opposite sign.
 */
@Entity('reputation_grants')
@Index('ix_reputation_grants_user_created', ['userId', 'createdAt'])
@Index('ix_reputation_grants_space', ['spaceId'])
@Check('chk_reputation_grants_delta', `"delta" <> 0`)
export class ReputationGrant {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reputation_grants' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_reputation_grants_project' })
  project?: Relation<Project>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reputation_grants_user' })
  user?: Relation<User>;

  /** The bucket's space; null for the general bucket. */
  @Column({ name: 'space_id', type: 'uuid', nullable: true })
  spaceId: string | null;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id', foreignKeyConstraintName: 'fk_reputation_grants_space' })
  space?: Relation<Space> | null;

  @Column({ type: 'integer' })
  delta: number;

  @Column({ type: 'varchar', length: MAX_GRANT_REASON_LENGTH, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
