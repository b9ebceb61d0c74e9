import { isGifData, isMention } from './message-validators.js';

const gif = {
  id: 'abc',
  url: 'https://giphy.com/gifs/abc',
  gifUrl: 'https://media.giphy.com/abc.gif',
  gifPreviewUrl: 'https://media.giphy.com/abc.png',
  altText: 'a cat',
  aspectRatio: '1.5',
};
const id = '2f1c3b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('isGifData', () => {
  it('accepts the six string fields with http(s) URLs', () => {
    expect(isGifData(gif)).toBe(true);
    expect(isGifData({ ...gif, url: 'http://example.com/x' })).toBe(true);
  });

  it.each([
    ['a missing field', (({ altText: _, ...rest }) => rest)(gif)],
    ['a numeric aspectRatio', { ...gif, aspectRatio: 1.5 }],
    ['a javascript: URL', { ...gif, gifUrl: 'javascript:alert(1)' }],
    ['a relative URL', { ...gif, gifPreviewUrl: '/a.png' }],
    ['an extra field', { ...gif, extra: 'x' }],
    ['an array', [gif]],
    ['a string', JSON.stringify(gif)],
  ])('refuses %s', (_, value) => {
    expect(isGifData(value)).toBe(false);
  });
});

describe('isMention', () => {
  it('accepts user and space mentions', () => {
    expect(isMention({ type: 'user', id, username: 'ann' })).toBe(true);
    expect(isMention({ type: 'user', id, username: 'ann', foreignId: 'u-1' })).toBe(true);
    expect(isMention({ type: 'user', id, username: 'ann', foreignId: null })).toBe(true);
    expect(isMention({ type: 'space', id, slug: 'cats' })).toBe(true);
  });

  it.each([
    ['a bare id', id],
    ['an unknown type', { type: 'channel', id, slug: 'x' }],
    ['a malformed id', { type: 'user', id: 'x', username: 'ann' }],
    ['a user without username', { type: 'user', id }],
    ['a space with a username', { type: 'space', id, slug: 'cats', username: 'x' }],
    ['an empty slug', { type: 'space', id, slug: '' }],
  ])('refuses %s', (_, value) => {
    expect(isMention(value)).toBe(false);
  });
});
