import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors/app-error.js';

/** Chat's errors, with the codes and messages of the API we follow. */
export const ChatErrors = {
  conversationNotFound: () => new NotFoundError('chat/not-found', 'Conversation not found.'),
  messageNotFound: () => new NotFoundError('chat/message-not-found', 'Message not found.'),
  memberNotFound: () => new NotFoundError('chat/member-not-found', 'Member not found in this conversation.'),

  notAMember: () => new ForbiddenError('chat/not-a-member', 'You are not a member of this conversation.'),
  notAnActiveMember: () =>
    new BadRequestError('chat/not-a-member', 'You are not an active member of this conversation.'),
  notAnActiveMemberForbidden: () =>
    new ForbiddenError('chat/not-a-member', 'You are not an active member of this conversation.'),
  banned: () => new ForbiddenError('chat/banned', 'You are banned from this space.'),
  notASpaceMember: () => new ForbiddenError('chat/not-a-member', 'You are not a member of this space.'),
  postingRestricted: () =>
    new ForbiddenError('chat/posting-restricted', 'Only space admins and moderators can post in this conversation.'),
  groupAdminsOnly: (action: 'update this conversation' | 'add members' | 'remove members' | 'change member roles') =>
    new ForbiddenError('chat/not-a-member', `Only group admins can ${action}.`),
  spaceStaffOnly: () =>
    new ForbiddenError('chat/not-a-member', 'Only space admins and moderators can update the space conversation.'),

  onlyAuthorEdits: () => new ForbiddenError('chat/forbidden', 'Only the message author can edit this message.'),
  cannotDeleteMessage: () => new ForbiddenError('chat/forbidden', 'You do not have permission to delete this message.'),
  messageRemoved: () => new BadRequestError('chat/message-removed', 'Removed messages cannot be edited.'),
  messageDeleted: () => new BadRequestError('chat/message-deleted', 'Deleted messages cannot be edited.'),
  emptyEdit: () =>
    new BadRequestError('chat/empty-message', 'Edited message must have at least content, a GIF, or a file.'),
  cannotDeleteDm: () => new BadRequestError('chat/cannot-delete-dm', 'Direct conversations cannot be deleted.'),
  groupAdminsDelete: () => new ForbiddenError('chat/not-a-member', 'Only group admins can delete this conversation.'),
  spaceAdminsDelete: () =>
    new ForbiddenError('chat/not-a-member', 'Only space admins can delete the space conversation.'),
  rolesOnlyInGroups: () =>
    new BadRequestError('chat/invalid-type', 'Roles can only be changed in group conversations.'),
  groupNeedsAdmin: () => new BadRequestError('chat/last-admin', 'A group needs at least one admin.'),
  beforeAndAfter: () =>
    new BadRequestError('chat/invalid-query', 'before and after cannot be used together.', { field: 'after' }),
  reactionBusy: () =>
    new ConflictError('chat/reaction-busy', 'This reaction is changing under other requests; try again.'),
  emptyMessage: () =>
    new BadRequestError('chat/empty-message', 'Message must have content, a GIF, or at least one file.'),
  invalidParent: () =>
    new BadRequestError(
      'chat/invalid-parent',
      'Parent message not found, not in this conversation, already removed, or is itself a reply.',
      { field: 'parentMessageId' },
    ),
  invalidQuote: () =>
    new BadRequestError('chat/invalid-quote', 'Quoted message not found, not in this conversation, or removed.', {
      field: 'quotedMessageId',
    }),
  metadataTooLarge: () =>
    new BadRequestError('chat/metadata-too-large', 'Metadata must not exceed 10 KB.', { field: 'metadata' }),
  invalidMention: (id: string) =>
    new BadRequestError('chat/invalid-mentions', `Mention '${id}' does not refer to a user or space of this project.`, {
      field: 'mentions',
    }),
  invalidJsonField: (field: string, code: string) =>
    new BadRequestError(code, `${field} must be JSON-encoded in a multipart request.`, { field }),

  invalidMember: (userId: string) =>
    new BadRequestError('chat/invalid-member', `User '${userId}' does not belong to this project.`, {
      field: 'memberIds',
    }),
  invalidTarget: () =>
    new BadRequestError('chat/invalid-member', 'Target user does not belong to this project.', { field: 'userId' }),
  selfDirect: () =>
    new BadRequestError('chat/self-direct', 'A direct conversation needs another user.', { field: 'userId' }),
  invalidType: (action: 'added to' | 'removed from') =>
    new BadRequestError('chat/invalid-type', `Members can only be ${action} group conversations.`),
  cannotUpdateDm: () => new BadRequestError('chat/cannot-update-dm', 'Direct conversations cannot be updated.'),
  cannotLeaveDm: () => new BadRequestError('chat/cannot-leave-dm', 'Direct conversations cannot be left.'),
  lastAdmin: () =>
    new BadRequestError('chat/last-admin', 'You are the last admin. Promote another member before leaving.'),
  postingPermissionOnlyForSpaces: () =>
    new BadRequestError('chat/invalid-field', "'postingPermission' can only be set on space conversations.", {
      field: 'postingPermission',
    }),
} as const;
