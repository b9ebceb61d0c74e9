import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { CommonErrors } from '../common/errors/common.errors.js';
import { toConnectError } from './socket-handshake.js';

describe('toConnectError', () => {
  const logger = new Logger('test');

  it('carries an AppError as { error, code }', () => {
    const error = toConnectError(CommonErrors.unauthorized(), logger);
    expect(error.message).toBe('Missing or invalid credentials.');
    expect(error.data).toEqual({ error: 'Missing or invalid credentials.', code: 'auth/unauthorized' });
  });

  it('hides any other failure behind common/internal with an errorId, which it logs', () => {
    const log = jest.spyOn(logger, 'error').mockImplementation(() => {});
    const error = toConnectError(new Error('connection refused to 10.0.0.5'), logger);
    expect(error.data).toEqual({
      error: 'An unexpected error occurred.',
      code: 'common/internal',
      errorId: expect.any(String),
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(error.data.errorId!), expect.stringContaining('10.0.0.5'));
  });
});
