import type { FileEntity, FileImageInfo, FileType } from './file.entity.js';

/** One processed size of an image, as the File model shows it. */
export interface FileImageVariantResponse {
  /** Where the variant is stored, relative to the storage root. */
  path: string;
  /** The URL that serves it (to users who can read the message). */
  publicPath: string;
  width: number;
  height: number;
  size: number;
  format: string;
}

/** The `image` of an image File: what processing recorded, with the variants as links. */
export interface FileImageResponse extends Omit<FileImageInfo, 'variants'> {
  fileId: string;
  variants: Record<string, FileImageVariantResponse>;
  createdAt: string;
  updatedAt: string;
}

/** A File as the API returns it (the Replyke v7 File model). */
export interface FileResponse {
  id: string;
  projectId: string;
  userId: string | null;
  entityId: null;
  commentId: null;
  chatMessageId: string | null;
  spaceId: null;
  type: FileType;
  /** The URL that serves the file (to users who can read the message). */
  originalPath: string;
  /** The client's filename, sanitized (a Confab addition: the model has no name of its own). */
  originalName: string;
  originalSize: number;
  /** Sniffed from the content. */
  originalMimeType: string;
  position: number;
  metadata: Record<string, unknown>;
  /** Only for `type: "image"`. */
  image?: FileImageResponse;
  createdAt: string;
  updatedAt: string;
}

/** Builds the URLs under which the API serves files. */
export class FileLinks {
  private readonly base: string;

  /** `publicUrl` null gives root-relative links. */
  constructor(publicUrl: string | null, routePrefix: string) {
    this.base = `${publicUrl ?? ''}/${routePrefix}`;
  }

  file(projectId: string, fileId: string): string {
    return `${this.base}/${projectId}/files/${fileId}`;
  }

  variant(projectId: string, fileId: string, name: string): string {
    return `${this.file(projectId, fileId)}/variants/${encodeURIComponent(name)}`;
  }
}

export function toFileResponse(file: FileEntity, links: FileLinks): FileResponse {
  const response: FileResponse = {
    id: file.id,
    projectId: file.projectId,
    userId: file.userId,
    entityId: null,
    commentId: null,
    chatMessageId: file.chatMessageId,
    spaceId: null,
    type: file.type,
    originalPath: links.file(file.projectId, file.id),
    originalName: file.originalName,
    originalSize: file.originalSize,
    originalMimeType: file.mimeType,
    position: file.position,
    metadata: file.metadata,
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
  };
  if (file.type === 'image' && file.image) {
    const { image } = file;
    response.image = {
      fileId: file.id,
      originalWidth: image.originalWidth,
      originalHeight: image.originalHeight,
      variants: Object.fromEntries(
        Object.entries(image.variants).map(([name, variant]) => [
          name,
          {
            path: variant.storageKey,
            publicPath: links.variant(file.projectId, file.id, name),
            width: variant.width,
            height: variant.height,
            size: variant.size,
            format: variant.format,
          },
        ]),
      ),
      processingStatus: image.processingStatus,
      processingError: image.processingError,
      format: image.format,
      quality: image.quality,
      exifStripped: image.exifStripped,
      createdAt: response.createdAt,
      updatedAt: response.updatedAt,
    };
  }
  return response;
}
