import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ActingUser } from '../auth/auth.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { AppExceptionFilter } from '../common/filters/app-exception.filter.js';
import { ActsAsUserWithQueryToken } from './downloads/access-token.guard.js';
import { FileDownloadsService } from './downloads/file-downloads.service.js';
import { sendDownload } from './downloads/send-download.js';

/** Serves attachments to the users who can read their message (GET and HEAD). */
@Controller(':projectId/files')
@UseFilters(AppExceptionFilter)
export class FilesController {
  constructor(private readonly downloads: FileDownloadsService) {}

  @Get(':fileId')
  @ActsAsUserWithQueryToken()
  async file(
    @ActingUser() principal: UserPrincipal,
    @Param('fileId') fileId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const download = await this.downloads.find(principal.projectId, principal.user.id, fileId);
    await sendDownload(request, response, download, (range) => this.downloads.open(download, range));
  }

  @Get(':fileId/variants/:name')
  @ActsAsUserWithQueryToken()
  async variant(
    @ActingUser() principal: UserPrincipal,
    @Param('fileId') fileId: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const download = await this.downloads.find(principal.projectId, principal.user.id, fileId, name);
    await sendDownload(request, response, download, (range) => this.downloads.open(download, range));
  }
}
