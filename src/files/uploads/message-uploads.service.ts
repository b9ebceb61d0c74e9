import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { type ResolvedChatModuleOptions, InjectConfabOptions } from '../../common/config/confab-options.js';
import { AppError } from '../../common/errors/app-error.js';
import { FileErrors, UploadErrors } from '../files.errors.js';
import { ImageProcessor } from '../images/image-processor.js';
import { deleteStoredObjects, FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { FileStorageEngine, type StoredFilePart } from './file-storage-engine.js';
import { storageKeysOf, type StoredUpload } from './stored-upload.js';
import { UploadBudget } from './upload-meter.js';

/** The multipart part name of a message's files. */
const FILES_FIELD = 'files';
/** Files one message may carry. */
export const MAX_MESSAGE_FILES = 10;

// Text parts are small JSON strings (content ≤ 4000 characters, metadata ≤ 10 KB); these bounds
// keep the text of one request to about 2 MB of memory at most.
const MAX_TEXT_FIELDS = 20;
const MAX_TEXT_FIELD_BYTES = 100 * 1024;

/** A multipart message body, received: its text fields and its stored files in part order. */
interface ReceivedMessageBody {
  fields: Record<string, string>;
  uploads: StoredUpload[];
}

/**
 * Receives the multipart body of a message: streams its `files` parts to storage within the limits,
 * processes the images, and collects the text fields. Whatever fails, it removes what it stored
 * before throwing, so a rejected request leaves nothing in storage.
 */
@Injectable()
export class MessageUploadsService {
  private readonly logger = new Logger('Confab');

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @InjectConfabOptions() private readonly options: ResolvedChatModuleOptions,
    private readonly images: ImageProcessor,
  ) {}

  async receive(request: Request, response: Response): Promise<ReceivedMessageBody> {
    const { maxFileBytes, maxMessageFilesBytes } = this.options;
    const engine = new FileStorageEngine(this.storage, {
      projectId: String(request.params.projectId),
      maxFileBytes,
      budget: new UploadBudget(maxMessageFilesBytes),
      fileTooLarge: () => FileErrors.fileTooLarge(maxFileBytes),
      messageTooLarge: () => FileErrors.messageFilesTooLarge(maxMessageFilesBytes),
    });
    const parse = multer({
      storage: engine,
      // Browsers send UTF-8 filenames without saying so; multer's default (latin1) garbles them.
      defParamCharset: 'utf8',
      limits: {
        fileSize: maxFileBytes,
        fields: MAX_TEXT_FIELDS,
        fieldSize: MAX_TEXT_FIELD_BYTES,
        fieldNameSize: 100,
        // Field names are plain: `a[b]` would turn a text field into an object.
        fieldNestingDepth: 0,
        headerPairs: 50,
      },
    }).array(FILES_FIELD, MAX_MESSAGE_FILES);

    try {
      await run(parse, request, response);
    } catch (error) {
      await engine.removeAll().catch((cleanupError: unknown) => this.logCleanupFailure(cleanupError));
      throw this.toRequestError(error);
    }

    const uploads = ((request.files ?? []) as StoredFilePart[]).map((part) => part.upload);
    const processed: StoredUpload[] = [];
    try {
      const fields = textFields(request.body as Record<string, unknown>);
      for (const upload of uploads) {
        processed.push(upload.type === 'image' ? await this.images.process(upload) : upload);
      }
      return { fields, uploads: processed };
    } catch (error) {
      // Processing may have replaced an upload's objects: remove the current ones.
      await this.discard([...processed, ...uploads.slice(processed.length)]);
      throw error;
    }
  }

  /** Removes the uploads from storage. Never throws: a failure is logged, the objects are orphaned. */
  async discard(uploads: readonly StoredUpload[]): Promise<void> {
    await deleteStoredObjects(this.storage, uploads.flatMap(storageKeysOf), this.logger);
  }

  private logCleanupFailure(error: unknown): void {
    this.logger.error(`Could not remove an uploaded file: ${(error as Error)?.message ?? String(error)}`);
  }

  private toRequestError(error: unknown): unknown {
    if (error instanceof AppError) return error;
    if (error instanceof MulterError) {
      const code = error.code as string;
      switch (code) {
        case 'LIMIT_FILE_SIZE':
          return FileErrors.fileTooLarge(this.options.maxFileBytes);
        case 'LIMIT_UNEXPECTED_FILE':
        case 'LIMIT_FILE_COUNT':
          return error.field === FILES_FIELD
            ? UploadErrors.tooManyFiles(MAX_MESSAGE_FILES)
            : UploadErrors.unexpectedFile(error.field ?? '');
        case 'LIMIT_FIELD_VALUE':
          return UploadErrors.fieldTooLarge(error.field);
        case 'LIMIT_FIELD_COUNT':
        case 'LIMIT_PART_COUNT':
          return UploadErrors.tooManyFields();
        default:
          return UploadErrors.invalidField(error.field);
      }
    }
    // busboy's own parse failures, and a client that went away mid-body.
    if (error instanceof Error && PARSER_FAILURE.test(error.message)) return UploadErrors.malformed();
    return error;
  }
}

const PARSER_FAILURE =
  /^(Malformed|Unexpected end of (form|file)|Multipart: Boundary not found|Missing Content-Type|Request (aborted|closed))/;

function run(middleware: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(request, response, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else reject(error instanceof Error ? error : new Error('The multipart parser failed.'));
    });
  });
}

/** The text fields as strings; a field sent twice is an error rather than a silent array. */
function textFields(body: Record<string, unknown> | undefined): Record<string, string> {
  const entries = Object.entries(body ?? {});
  for (const [name, value] of entries) {
    if (typeof value !== 'string') throw UploadErrors.repeatedField(name);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
