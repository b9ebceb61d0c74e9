import {
  Body,
  Controller,
  Global,
  Module,
  Param,
  type PipeTransform,
  Post,
  Req,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { ActingUser, ActsAsUser } from '../../src/auth/auth.decorators.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import type { UserPrincipal } from '../../src/auth/principal.js';
import { BadRequestError } from '../../src/common/errors/app-error.js';
import { AppExceptionFilter } from '../../src/common/filters/app-exception.filter.js';
import { FilesModule } from '../../src/files/files.module.js';
import { FilesService } from '../../src/files/files.service.js';
import { MessageUploadInterceptor } from '../../src/files/uploads/message-upload.interceptor.js';

/** A pipe that refuses `content: "refused by pipe"`, as the send route's body validation would. */
class RefusingPipe implements PipeTransform {
  transform(value: Record<string, string> | undefined): unknown {
    if (value?.content === 'refused by pipe') throw new BadRequestError('test/refused', 'Refused by a pipe.');
    return value;
  }
}

/**
 * A route shaped like Send Message: the upload interceptor behind authentication, a pipe, and a
 * handler that attaches the uploads to an existing message inside a transaction. The text field
 * `fail` (`after-insert`, `after-commit`) makes it fail, `attach: none` succeed without attaching.
 */
@Controller('test/:projectId/messages/:messageId/files')
@UseFilters(AppExceptionFilter)
class UploadTestController {
  constructor(
    private readonly files: FilesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post()
  @ActsAsUser()
  @UseInterceptors(MessageUploadInterceptor)
  async send(
    @ActingUser() principal: UserPrincipal,
    @Param('messageId') messageId: string,
    @Req() request: Request,
    @Body(new RefusingPipe()) body: Record<string, string> | undefined,
  ) {
    const uploads = request.uploads ?? [];
    if (body?.attach === 'none') return { fields: body, files: [] };
    const files = await this.db.transaction(async (manager) => {
      const attached = await this.files.attachToMessage(manager, {
        projectId: principal.projectId,
        chatMessageId: messageId,
        userId: principal.user.id,
        uploads,
      });
      if (body?.fail === 'after-insert') throw new BadRequestError('test/failed', 'Failed after inserting.');
      return attached;
    });
    if (body?.fail === 'after-commit') throw new BadRequestError('test/failed', 'Failed after committing.');
    return { fields: body ?? {}, files: files.map((file) => this.files.toFileResponse(file)) };
  }
}

@Global()
@Module({
  imports: [FilesModule, AuthModule],
  controllers: [UploadTestController],
})
export class FilesTestHostModule {}
