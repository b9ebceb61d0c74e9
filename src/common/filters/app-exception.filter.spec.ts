import { jest } from '@jest/globals';
import { BadRequestException, Logger, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError, ForbiddenError } from '../errors/app-error.js';
import { AppExceptionFilter } from './app-exception.filter.js';

describe('AppExceptionFilter.render', () => {
  const filter = new AppExceptionFilter();
  const request = { method: 'POST', path: '/v7/p/things' };

  it('renders an AppError with its status, code, message and field', () => {
    const error = new ForbiddenError('chat/not-a-member', 'You are not a member of this conversation.', { field: 'x' });
    expect(filter.render(error, request)).toEqual({
      status: 403,
      body: { error: 'You are not a member of this conversation.', code: 'chat/not-a-member', field: 'x' },
    });
  });

  it("maps Nest's route-not-found to common/not-found", () => {
    expect(filter.render(new NotFoundException('Cannot POST /v7/p/things'), request)).toEqual({
      status: 404,
      body: { error: 'Route POST /v7/p/things not found.', code: 'common/not-found' },
    });
  });

  it('maps body-parser failures, bare or wrapped by Nest', () => {
    const parseFailure = Object.assign(new SyntaxError('Unexpected end'), { type: 'entity.parse.failed', status: 400 });
    expect(filter.render(parseFailure, request).body.code).toBe('common/invalid-json');
    const wrapped = new BadRequestException('Unexpected end', { cause: parseFailure });
    expect(filter.render(wrapped, request).body.code).toBe('common/invalid-json');
    const tooLarge = Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 });
    expect(filter.render(tooLarge, request)).toMatchObject({ status: 413, body: { code: 'common/payload-too-large' } });
    expect(filter.render(new PayloadTooLargeException(), request).status).toBe(413);
  });

  it('hides an unknown error behind common/internal and logs it with the same errorId', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    try {
      const { status, body } = filter.render(new Error('db password is hunter2'), request);
      expect(status).toBe(500);
      expect(body).toEqual({
        error: 'An unexpected error occurred.',
        code: 'common/internal',
        errorId: expect.any(String),
      });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(body.errorId!), expect.stringContaining('hunter2'));
    } finally {
      logged.mockRestore();
    }
  });

  it('never lets a 5xx HttpException through as anything but common/internal', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    try {
      expect(filter.render(new AppError(500, 'x/y', 'boom'), request).status).toBe(500);
    } finally {
      logged.mockRestore();
    }
  });
});
