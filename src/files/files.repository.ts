import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { sqlRows } from '../database/sql.js';
import { isUuid } from '../common/util/ids.js';
import { FileEntity, type FileImageInfo } from './file.entity.js';

/** A new file row; `id` is the upload's pre-generated id. */
export type NewFileRow = Pick<
  FileEntity,
  | 'id'
  | 'projectId'
  | 'chatMessageId'
  | 'userId'
  | 'type'
  | 'storageKey'
  | 'originalName'
  | 'originalSize'
  | 'mimeType'
  | 'position'
  | 'metadata'
  | 'image'
>;

@Injectable()
export class FilesRepository {
  constructor(@InjectRepository(FileEntity) private readonly files: Repository<FileEntity>) {}

  /** Inserts the rows on `manager` (the caller's transaction) and returns them as stored. */
  async insert(manager: EntityManager, rows: readonly NewFileRow[]): Promise<FileEntity[]> {
    if (rows.length === 0) return [];
    const entities = rows.map((row) => manager.create(FileEntity, row));
    // `insert` fills the generated columns (timestamps) into the entities from RETURNING.
    await manager.insert(FileEntity, entities as QueryDeepPartialEntity<FileEntity>[]);
    return entities;
  }

  findById(projectId: string, fileId: string): Promise<FileEntity | null> {
    if (!isUuid(fileId)) return Promise.resolve(null);
    return this.files.findOneBy({ projectId, id: fileId });
  }

  /** Which of these file ids have a row. */
  async existingIds(fileIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(fileIds.filter(isUuid))];
    if (ids.length === 0) return new Set();
    const rows = await this.files.find({ select: { id: true }, where: { id: In(ids) } });
    return new Set(rows.map((row) => row.id));
  }

  /** The files of these messages, in one query, ordered by message and position. */
  findByMessages(projectId: string, messageIds: readonly string[]): Promise<FileEntity[]> {
    const ids = [...new Set(messageIds.filter(isUuid))];
    if (ids.length === 0) return Promise.resolve([]);
    return this.files.find({
      where: { projectId, chatMessageId: In(ids) },
      order: { chatMessageId: 'ASC', position: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Deletes the file rows of these messages on `manager`; returns what they kept in storage. */
  async deleteByMessages(
    manager: EntityManager,
    projectId: string,
    chatMessageIds: readonly string[],
  ): Promise<{ storageKey: string; image: FileImageInfo | null }[]> {
    const ids = chatMessageIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = await sqlRows<{ storage_key: string; image: FileImageInfo | null }>(
      manager,
      `DELETE FROM "files" WHERE "project_id" = $1 AND "chat_message_id" = ANY($2::uuid[]) RETURNING "storage_key", "image"`,
      [projectId, ids],
    );
    return rows.map((row) => ({ storageKey: row.storage_key, image: row.image }));
  }
}
