import { validateDto } from '../../../common/validation/app-validation.pipe.js';
import { SendMessageDto } from './send-message.dto.js';

const failure = (body: unknown) =>
  validateDto(SendMessageDto, body, 'chat').then(
    () => null,
    (error: unknown) => error,
  );

describe('SendMessageDto', () => {
  it.each([
    [{ content: 5 }, 'content', 'content must be a string.'],
    [{ content: ['a'] }, 'content', 'content must be a string.'],
    [{ localId: 5 }, 'localId', 'localId must be a string.'],
  ])('calls %j a wrong type, not a wrong length', async (body, field, message) => {
    expect(await failure(body)).toMatchObject({ code: 'chat/invalid-body', field, message });
  });

  it('measures content in characters as PostgreSQL does', async () => {
    expect(await failure({ content: '❤️'.repeat(2000) })).toBeNull();
    expect(await failure({ content: '❤️'.repeat(2001) })).toMatchObject({ code: 'chat/content-too-long' });
  });
});
