import type { ExecutionContext } from '@nestjs/common';
import request from 'supertest';
import type { Conversation } from '../../../src/chat/conversations/conversation.entity.js';
import { ConversationMemberGuard } from '../../../src/chat/conversations/guards/conversation-member.guard.js';
import { PostingPermissionGuard } from '../../../src/chat/messages/guards/posting-permission.guard.js';
import { ParentMessagePipe } from '../../../src/chat/messages/pipes/parent-message.pipe.js';
import { QuotedMessagePipe } from '../../../src/chat/messages/pipes/quoted-message.pipe.js';
import type { SendMessageDraft } from '../../../src/chat/messages/send-message.request.js';
import { createGroup, sendText, sql } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

// The guards and pipes of Send Message, each on its own, against real rows.
describe('the Send Message pipeline pieces', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let outsider: TestUser;
  let conversationId: string;
  let otherConversationId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    alice = await createUser(testApp, project);
    outsider = await createUser(testApp, project);
    conversationId = await createGroup(testApp, project, alice);
    otherConversationId = await createGroup(testApp, project, alice);
  });
  afterAll(() => testApp.close());

  const httpContext = (request: object) =>
    ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;
  const requestOf = (user: TestUser, conversation: string) => ({
    params: { projectId: project.projectId, conversationId: conversation },
    principal: { projectId: project.projectId, via: 'token', user: { id: user.id } },
  });
  const draft = (changes: Partial<SendMessageDraft>) =>
    ({
      conversation: { projectId: project.projectId, id: conversationId } as Conversation,
      parentMessageId: null,
      quotedMessageId: null,
      ...changes,
    }) as SendMessageDraft;

  describe('ConversationMemberGuard', () => {
    it('admits an active member and leaves the conversation on the request', async () => {
      const req: Record<string, any> = requestOf(alice, conversationId);
      await expect(testApp.app.get(ConversationMemberGuard).canActivate(httpContext(req))).resolves.toBe(true);
      expect(req.conversationAccess).toMatchObject({
        conversation: { id: conversationId },
        member: { userId: alice.id },
      });
    });

    it('refuses a non-member with chat/not-a-member and an unknown conversation with chat/not-found', async () => {
      const guard = testApp.app.get(ConversationMemberGuard);
      await expect(guard.canActivate(httpContext(requestOf(outsider, conversationId)))).rejects.toMatchObject({
        status: 403,
        code: 'chat/not-a-member',
      });
      await expect(
        guard.canActivate(httpContext(requestOf(alice, '4a7f1c2e-0000-4000-8000-000000000000'))),
      ).rejects.toMatchObject({
        status: 404,
        code: 'chat/not-found',
      });
    });

    it('refuses a former member', async () => {
      const leaver = await createUser(testApp, project);
      const group = await createGroup(testApp, project, alice, [leaver]);
      await request(testApp.http)
        .delete(`${project.base}/chat/conversations/${group}/leave`)
        .set(leaver.auth)
        .expect(200);
      await expect(
        testApp.app.get(ConversationMemberGuard).canActivate(httpContext(requestOf(leaver, group))),
      ).rejects.toMatchObject({
        code: 'chat/not-a-member',
      });
    });
  });

  describe('PostingPermissionGuard', () => {
    it('lets members of a group post: posting permissions belong to space conversations', async () => {
      const req: Record<string, any> = requestOf(alice, conversationId);
      await testApp.app.get(ConversationMemberGuard).canActivate(httpContext(req));
      expect(testApp.app.get(PostingPermissionGuard).canActivate(httpContext(req))).toBe(true);
    });
  });

  describe('ParentMessagePipe', () => {
    it('passes a main-stream message of the conversation, and a draft without parent', async () => {
      const parent = await sendText(testApp, project, alice, conversationId);
      const pipe = testApp.app.get(ParentMessagePipe);
      const withParent = draft({ parentMessageId: parent.id });
      await expect(pipe.transform(withParent)).resolves.toBe(withParent);
      await expect(pipe.transform(draft({}))).resolves.toMatchObject({ parentMessageId: null });
    });

    it('refuses a reply, a message of another conversation, a removed and an unknown message', async () => {
      const parent = await sendText(testApp, project, alice, conversationId);
      const reply = await sendText(testApp, project, alice, conversationId, {
        content: 'r',
        parentMessageId: parent.id,
      });
      const elsewhere = await sendText(testApp, project, alice, otherConversationId);
      const removed = await sendText(testApp, project, alice, conversationId);
      await sql(testApp, `UPDATE chat_messages SET moderation_status = 'removed' WHERE id = $1`, [removed.id]);
      const pipe = testApp.app.get(ParentMessagePipe);
      for (const parentMessageId of [reply.id, elsewhere.id, removed.id, '4a7f1c2e-0000-4000-8000-000000000000']) {
        await expect(pipe.transform(draft({ parentMessageId }))).rejects.toMatchObject({ code: 'chat/invalid-parent' });
      }
    });
  });

  describe('QuotedMessagePipe', () => {
    it('passes a reply of the conversation, and refuses other conversations and removed messages', async () => {
      const parent = await sendText(testApp, project, alice, conversationId);
      const reply = await sendText(testApp, project, alice, conversationId, {
        content: 'r',
        parentMessageId: parent.id,
      });
      const elsewhere = await sendText(testApp, project, alice, otherConversationId);
      const removed = await sendText(testApp, project, alice, conversationId);
      await sql(testApp, `UPDATE chat_messages SET moderation_status = 'removed' WHERE id = $1`, [removed.id]);
      const pipe = testApp.app.get(QuotedMessagePipe);
      await expect(pipe.transform(draft({ quotedMessageId: reply.id }))).resolves.toMatchObject({
        quotedMessageId: reply.id,
      });
      for (const quotedMessageId of [elsewhere.id, removed.id]) {
        await expect(pipe.transform(draft({ quotedMessageId }))).rejects.toMatchObject({ code: 'chat/invalid-quote' });
      }
    });
  });
});
