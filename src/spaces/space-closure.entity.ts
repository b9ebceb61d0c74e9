import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Project } from '../projects/project.entity.js';
import { MAX_SPACE_DEPTH, Space } from './space.entity.js';

/**
 * The space hierarchy as a closure table: one row per (ancestor, descendant) pair, including each
 * space with itself at distance 0. Subtree reads (reputation summed over a space and its
 * descendants) are one indexed lookup instead of a recursive walk whose cost grows with the tree.
 * Rows are only ever inserted, with the space: a space never changes parent.
 */
@Entity('space_closure')
@Index('ix_space_closure_descendant', ['descendantId'])
@Check('chk_space_closure_distance', `"distance" BETWEEN 0 AND ${MAX_SPACE_DEPTH}`)
export class SpaceClosure {
  @PrimaryColumn({ name: 'ancestor_id', type: 'uuid', primaryKeyConstraintName: 'pk_space_closure' })
  ancestorId: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'uuid', primaryKeyConstraintName: 'pk_space_closure' })
  descendantId: string;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ancestor_id', foreignKeyConstraintName: 'fk_space_closure_ancestor' })
  ancestor?: Relation<Space>;

  @ManyToOne(() => Space, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'descendant_id', foreignKeyConstraintName: 'fk_space_closure_descendant' })
  descendant?: Relation<Space>;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_space_closure_project' })
  project?: Relation<Project>;

  /** Levels between the two: 0 for a space itself, 1 for its parent, and so on. */
  @Column({ type: 'smallint' })
  distance: number;
}
