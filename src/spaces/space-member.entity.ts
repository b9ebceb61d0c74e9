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
import { Space } from './space.entity.js';

export const SPACE_ROLES = ['admin', 'moderator', 'member'] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];
export const SPACE_MEMBER_STATUSES = ['pending', 'active', 'banned', 'rejected'] as const;
export type SpaceMemberStatus = (typeof SPACE_MEMBER_STATUSES)[number];

/** A user's membership of a space: one row per (space, user), whatever its status. */
@Entity('space_members')
@Index('uq_space_members_space_user', ['spaceId', 'userId'], { unique: true })
@Index('ix_space_members_user', ['userId'])
// Member lists filter by status and page in join order.
@Index('ix_space_members_space_status_created', ['spaceId', 'status', 'createdAt', 'id'])
@Check('chk_space_members_role', `"role" IN ('admin', 'moderator', 'member')`)
@Check('chk_space_members_status', `"status" IN ('pending', 'active', 'banned', 'rejected')`)
export class SpaceMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_space_members' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_space_members_project' })
  project?: Relation<Project>;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id', foreignKeyConstraintName: 'fk_space_members_space' })
  space?: Relation<Space>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_space_members_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role: SpaceRole;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: SpaceMemberStatus;

  /** When the membership became active; null while pending. */
  @Column({ name: 'joined_at', ...timestampColumn, nullable: true })
  joinedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
