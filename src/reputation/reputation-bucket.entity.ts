import {
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
import { Space } from '../spaces/space.entity.js';
import { User } from '../users/user.entity.js';

/**
 * One of a user's reputation buckets: the general bucket (`spaceId` null) or a space's. The user's
 * `reputation` is the sum of their buckets. A missing bucket reads as 0; values may go negative.
 */
@Entity('reputation_buckets')
@Index('uq_reputation_buckets_general', ['userId'], { unique: true, where: '"space_id" IS NULL' })
@Index('uq_reputation_buckets_space', ['userId', 'spaceId'], { unique: true, where: '"space_id" IS NOT NULL' })
@Index('ix_reputation_buckets_space', ['spaceId'])
export class ReputationBucket {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reputation_buckets' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_reputation_buckets_project' })
  project?: Relation<Project>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reputation_buckets_user' })
  user?: Relation<User>;

  @Column({ name: 'space_id', type: 'uuid', nullable: true })
  spaceId: string | null;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id', foreignKeyConstraintName: 'fk_reputation_buckets_space' })
  space?: Relation<Space> | null;

  @Column({ type: 'integer', default: 0 })
  value: number;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
