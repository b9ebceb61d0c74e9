import type { Provider } from '@nestjs/common';
import { CONFAB_OPTIONS, type ResolvedChatModuleOptions } from '../../common/config/confab-options.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { S3FileStorage } from './s3-file-storage.js';

/** The `FileStorage` the options ask for. */
function createFileStorage(options: ResolvedChatModuleOptions['storage']): FileStorage {
  switch (options.driver) {
    case 'local':
      return new LocalFileStorage(options.directory);
    case 's3':
      return new S3FileStorage(options);
  }
}

export const fileStorageProvider: Provider = {
  provide: FILE_STORAGE,
  useFactory: (options: ResolvedChatModuleOptions) => createFileStorage(options.storage),
  inject: [CONFAB_OPTIONS],
};
