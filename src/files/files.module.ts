import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { AccessTokenQueryGuard } from './downloads/access-token.guard.js';
import { FileDownloadsService } from './downloads/file-downloads.service.js';
import { FileEntity } from './file.entity.js';
import { FilesController } from './files.controller.js';
import { FilesRepository } from './files.repository.js';
import { FilesService } from './files.service.js';
import { ImageProcessor } from './images/image-processor.js';
import { fileStorageProvider } from './storage/file-storage.provider.js';
import { MessageUploadInterceptor } from './uploads/message-upload.interceptor.js';
import { MessageUploadsService } from './uploads/message-uploads.service.js';

/**
 * Attachments: storage (local disk or S3), streaming uploads with sniffed types, image variants,
 * and downloads for those who can read the message. Chat uses `MessageUploadInterceptor` on its
 * send route and `FilesService` in its transactions, and provides `FILE_ACCESS_PORT`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FileEntity]), AuthModule],
  controllers: [FilesController],
  providers: [
    fileStorageProvider,
    FilesRepository,
    FilesService,
    ImageProcessor,
    MessageUploadsService,
    MessageUploadInterceptor,
    FileDownloadsService,
    AccessTokenQueryGuard,
  ],
  // The interceptor is instantiated in the module of the route that uses it, which resolves its
  // dependencies from there: they are exported with it.
  exports: [FilesService, MessageUploadsService, MessageUploadInterceptor],
})
export class FilesModule {}
