import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { timestampColumn } from '../database/columns.js';

/** A tenant. Every other row belongs to exactly one project. */
@Entity('projects')
export class Project {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_projects' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Signs the project's user tokens (HS256). Never returned after creation. */
  @Column({ name: 'jwt_secret', type: 'varchar', length: 128 })
  jwtSecret: string;

  @CreateDateColumn({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
