import { canReadSpace, memberPermissions } from './space-permissions.js';

describe('space permissions', () => {
  it('lets anyone read an open space except the banned', () => {
    expect(canReadSpace('anyone', null)).toBe(true);
    expect(canReadSpace('anyone', 'pending')).toBe(true);
    expect(canReadSpace('anyone', 'banned')).toBe(false);
  });

  it('lets only active members read a members-only space', () => {
    expect(canReadSpace('members', 'active')).toBe(true);
    expect(canReadSpace('members', null)).toBe(false);
    expect(canReadSpace('members', 'pending')).toBe(false);
    expect(canReadSpace('members', 'rejected')).toBe(false);
  });

  it('gives no permissions object without a membership, or for a declined request', () => {
    expect(memberPermissions('anyone', null)).toBeNull();
    expect(memberPermissions('anyone', { role: 'member', status: 'rejected' })).toBeNull();
  });

  it('gives an active admin every permission, moderator included', () => {
    expect(memberPermissions('members', { role: 'admin', status: 'active' })).toEqual({
      isAdmin: true,
      isModerator: true,
      isMember: true,
      status: 'active',
      canPost: true,
      canModerate: true,
      canRead: true,
    });
  });

  it('gives an active moderator moderation but not admin', () => {
    expect(memberPermissions('anyone', { role: 'moderator', status: 'active' })).toMatchObject({
      isAdmin: false,
      isModerator: true,
      canModerate: true,
    });
  });

  it('gives a pending member nothing but what the space shows everyone', () => {
    expect(memberPermissions('members', { role: 'member', status: 'pending' })).toEqual({
      isAdmin: false,
      isModerator: false,
      isMember: false,
      status: 'pending',
      canPost: false,
      canModerate: false,
      canRead: false,
    });
  });

  it('takes every power from a banned admin', () => {
    expect(memberPermissions('anyone', { role: 'admin', status: 'banned' })).toEqual({
      isAdmin: false,
      isModerator: false,
      isMember: false,
      status: 'banned',
      canPost: false,
      canModerate: false,
      canRead: false,
    });
  });
});
