import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../common/util/ids.js';
import { hydrate } from '../database/hydrate.js';
import { User } from './user.entity.js';

/** Profile fields a host may set; `undefined` leaves a field as it is, `null` clears it. */
export type UserProfile = Partial<Pick<User, 'name' | 'username' | 'avatar' | 'metadata'>>;

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(projectId: string, userId: string): Promise<User | null> {
    if (!isUuid(userId)) return Promise.resolve(null);
    return this.users.findOneBy({ projectId, id: userId });
  }

  findByForeignId(projectId: string, foreignId: string): Promise<User | null> {
    return this.users.findOneBy({ projectId, foreignId });
  }

  /** The users among `userIds` that belong to the project. */
  findByIds(projectId: string, userIds: readonly string[]): Promise<User[]> {
    const ids = [...new Set(userIds.filter(isUuid))];
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.findBy({ projectId, id: In(ids) });
  }

  /**
   * Creates the user, or applies `profile` to the existing one with that `foreignId`. Safe under
   * concurrent calls: the unique key decides which insert wins, the loser updates.
   */
  async upsert(projectId: string, foreignId: string, profile: UserProfile): Promise<{ user: User; created: boolean }> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ projectId, foreignId, ...profile } as QueryDeepPartialEntity<User>)
      .orIgnore()
      .returning('*')
      .execute();
    const [created] = inserted.raw as Record<string, unknown>[];
    if (created) return { user: this.hydrate(created), created: true };
    const changes = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length > 0) {
      const updated = await this.users.update({ projectId, foreignId }, changes, { returning: '*' });
      const [row] = updated.raw as Record<string, unknown>[];
      if (row) return { user: this.hydrate(row), created: false };
    }
    // Nothing to change; or the row went with its project after the insert met it, which this read reports.
    return { user: await this.users.findOneByOrFail({ projectId, foreignId }), created: false };
  }

  private hydrate(row: Record<string, unknown>): User {
    return hydrate(this.users.manager.dataSource, User, row);
  }
}
