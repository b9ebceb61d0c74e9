import { isUuid } from '../../common/util/ids.js';

/**
 * Storage keys of a file's objects: `<projectId>/<fileId>/<object>`. Both ids are generated or
 * verified UUIDs, so nothing a client sends (its filename, its content type) ever reaches a key.
 */
export const StorageKeys = {
  /** The bytes as uploaded. */
  upload: (projectId: string, fileId: string) => key(projectId, fileId, 'upload'),
  /** The image re-encoded without its metadata (EXIF, XMP, IPTC). */
  original: (projectId: string, fileId: string) => key(projectId, fileId, 'original'),
  variant: (projectId: string, fileId: string, name: string, extension: string) =>
    key(projectId, fileId, `${name}.${extension}`),
} as const;

function key(projectId: string, fileId: string, object: string): string {
  if (!isUuid(projectId) || !isUuid(fileId)) throw new Error('Storage keys are made of UUIDs only.');
  return `${projectId.toLowerCase()}/${fileId.toLowerCase()}/${object}`;
}
