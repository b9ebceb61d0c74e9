import { isSingleGrapheme } from './emoji.js';

describe('isSingleGrapheme', () => {
  it.each(['👍', '❤️', '👨‍👩‍👧', '🇫🇷', '👍🏽', 'a'])('accepts %s', (emoji) => expect(isSingleGrapheme(emoji)).toBe(true));
  it.each(['', ' ', '👍👍', 'ab', ' 👍', '👍 ', 42, null])('refuses %p', (emoji) =>
    expect(isSingleGrapheme(emoji)).toBe(false),
  );
});
