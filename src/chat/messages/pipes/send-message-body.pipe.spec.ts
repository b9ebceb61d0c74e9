import { BadRequestError } from '../../../common/errors/app-error.js';
import type { Conversation } from '../../conversations/conversation.entity.js';
import type { User } from '../../../users/user.entity.js';
import type { StoredUpload } from '../../../files/uploads/stored-upload.js';
import type { RawSendMessage } from '../send-message.request.js';
import { decodeMultipartFields, SendMessageBodyPipe } from './send-message-body.pipe.js';

const raw = (body: unknown, encoding: 'json' | 'multipart' = 'json', uploads: StoredUpload[] = []): RawSendMessage => ({
  conversation: {} as Conversation,
  sender: {} as User,
  encoding,
  body,
  uploads,
  reputation: { selection: null, trusted: false },
});

describe('SendMessageBodyPipe', () => {
  const pipe = new SendMessageBodyPipe();

  it('fills absent fields with their empty values', async () => {
    await expect(pipe.transform(raw({ content: 'hi' }))).resolves.toMatchObject({
      content: 'hi',
      gif: null,
      mentions: [],
      metadata: {},
      parentMessageId: null,
      quotedMessageId: null,
      localId: null,
    });
  });

  it('keeps content as sent when it has text, and drops whitespace-only content', async () => {
    expect((await pipe.transform(raw({ content: '  hi  ' }))).content).toBe('  hi  ');
    expect((await pipe.transform(raw({ content: '   ' }, 'json', [{} as StoredUpload]))).content).toBeNull();
  });

  it('reads a JSON null content as none', async () => {
    await expect(pipe.transform(raw({ content: null }))).rejects.toMatchObject({ code: 'chat/empty-message' });
  });

  it('accepts a file alone', async () => {
    expect((await pipe.transform(raw({}, 'json', [{} as StoredUpload]))).uploads).toHaveLength(1);
  });

  it('refuses a message without content, GIF or file', async () => {
    await expect(pipe.transform(raw({ metadata: { a: 1 } }))).rejects.toMatchObject({ code: 'chat/empty-message' });
  });

  it('decodes the JSON-encoded multipart fields', async () => {
    const draft = await pipe.transform(
      raw({ content: 'hi', metadata: '{"a":1}', mentions: '[]', gif: 'null', parentMessageId: 'null' }, 'multipart'),
    );
    expect(draft).toMatchObject({ metadata: { a: 1 }, mentions: [], gif: null, parentMessageId: null });
  });
});

describe('decodeMultipartFields', () => {
  it.each([
    ['gif', 'chat/invalid-gif'],
    ['mentions', 'chat/invalid-mentions'],
    ['metadata', 'chat/invalid-body'],
  ])('refuses an unparsable %s with %s', (field, code) => {
    expect(() => decodeMultipartFields({ [field]: '{nope' })).toThrow(BadRequestError);
    expect(() => decodeMultipartFields({ [field]: '{nope' })).toThrow(expect.objectContaining({ code, field }));
  });

  it('reads "null" and "" in id fields as absent, and leaves content alone', () => {
    expect(decodeMultipartFields({ quotedMessageId: '', parentMessageId: 'null', content: 'null' })).toEqual({
      quotedMessageId: null,
      parentMessageId: null,
      content: 'null',
    });
  });
});
