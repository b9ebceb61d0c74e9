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

/** A user of a project, known to the host application by `foreignId`. */
@Entity('users')
@Index('uq_users_project_foreign_id', ['projectId', 'foreignId'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_users_project' })
  project?: Relation<Project>;

  @Column({ name: 'foreign_id', type: 'varchar', length: 255 })
  foreignId: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  avatar: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  /** The sum of all of the user's reputation buckets, kept in step with them. */
  @Column({ type: 'integer', default: 0 })
  reputation: number;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
