import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ResolvedChatModuleOptions, InjectConfabOptions } from '../common/config/confab-options.js';
import type { FileEntity } from './file.entity.js';
import { FileLinks, type FileResponse, toFileResponse } from './file.mapper.js';
import { FilesRepository } from './files.repository.js';
import { deleteStoredObjects, FILE_STORAGE, type FileStorage } from './storage/file-storage.js';
import { MAX_MESSAGE_FILES } from './uploads/message-uploads.service.js';
import { storageKeysOf, type StoredUpload } from './uploads/stored-upload.js';

/** What `attachToMessage` needs: the message, its author, and the uploads in display order. */
export interface AttachFilesInput {
  projectId: string;
  chatMessageId: string;
  userId: string;
  uploads: readonly StoredUpload[];
}

/**
 * The files of messages: attaching stored uploads to a message inside its transaction, reading
 * them for responses, and deleting them with the message.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('Confab');
  private readonly links: FileLinks;
  /** The uploads `attachToMessage` wrote rows for (the same objects the upload interceptor holds). */
  private readonly attached = new WeakSet<StoredUpload>();

  constructor(
    private readonly files: FilesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @InjectConfabOptions() options: ResolvedChatModuleOptions,
  ) {
    this.links = new FileLinks(options.publicUrl, options.routePrefix);
  }

  /**
   * Inserts one file row per upload on `manager` (the message's transaction), `position` being the
   * upload's index. No image processing happens here: the uploads arrive processed.
   */
  async attachToMessage(manager: EntityManager, input: AttachFilesInput): Promise<FileEntity[]> {
    const { projectId, chatMessageId, userId, uploads } = input;
    if (uploads.length > MAX_MESSAGE_FILES) throw new Error(`A message takes at most ${MAX_MESSAGE_FILES} files.`);
    if (uploads.some((upload) => upload.projectId !== projectId)) {
      throw new Error('Uploads of another project cannot be attached.');
    }
    const rows = await this.files.insert(
      manager,
      uploads.map((upload, position) => ({
        id: upload.fileId,
        projectId,
        chatMessageId,
        userId,
        type: upload.type,
        storageKey: upload.storageKey,
        originalName: upload.originalName,
        originalSize: upload.size,
        mimeType: upload.mimeType,
        position,
        metadata: {},
        image: upload.image,
      })),
    );
    for (const upload of uploads) this.attached.add(upload);
    return rows;
  }

  /**
   * The uploads no `attachToMessage` call took. Once a handler has returned, what it attached is
   * committed, so these alone are left unreferenced, and no query is needed to know it.
   */
  notAttached(uploads: readonly StoredUpload[]): StoredUpload[] {
    return uploads.filter((upload) => !this.attached.has(upload));
  }

  /**
   * The uploads that no committed file row refers to. Asked once a request has failed: those are
   * safe to remove, whatever the route did (a transaction that rolled back, or one that committed
   * before something else failed, whose files must stay).
   */
  async unreferenced(uploads: readonly StoredUpload[]): Promise<StoredUpload[]> {
    if (uploads.length === 0) return [];
    const existing = await this.files.existingIds(uploads.map((upload) => upload.fileId));
    return uploads.filter((upload) => !existing.has(upload.fileId));
  }

  /** The files of each message (empty for a message without), ordered by position, in one query. */
  async filesForMessages(projectId: string, messageIds: readonly string[]): Promise<Map<string, FileResponse[]>> {
    const byMessage = new Map<string, FileResponse[]>(messageIds.map((id) => [id, []]));
    for (const file of await this.files.findByMessages(projectId, messageIds)) {
      byMessage.get(file.chatMessageId as string)?.push(this.toFileResponse(file));
    }
    return byMessage;
  }

  /** The public File of a row. */
  toFileResponse(file: FileEntity): FileResponse {
    return toFileResponse(file, this.links);
  }

  /**
   * Deletes the messages' file rows on `manager` (the caller's transaction) and returns the storage
   * keys they used. Pass them to `deleteStoredObjects` once the transaction has committed.
   */
  async removeFromMessages(
    manager: EntityManager,
    projectId: string,
    chatMessageIds: readonly string[],
  ): Promise<string[]> {
    const rows = await this.files.deleteByMessages(manager, projectId, chatMessageIds);
    return rows.flatMap(storageKeysOf);
  }

  /**
   * Removes objects from storage after the rows that pointed to them are gone. Never throws: a
   * failure is logged and leaves an unreferenced object, never a row pointing to nothing.
   */
  async deleteStoredObjects(keys: readonly string[]): Promise<void> {
    await deleteStoredObjects(this.storage, keys, this.logger);
  }
}
