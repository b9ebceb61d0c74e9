import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestProject, TestUser } from './factories.js';
import { sql } from './chat.js';
import type { TestApp } from './test-app.js';

export { sql };

/** A space as the API returned it on creation. */
export interface TestSpace {
  id: string;
  name: string;
  slug: string | null;
  depth: number;
  parentSpaceId: string | null;
}

/** Creates a space as `user`; open to join without approval unless the body says otherwise. */
export async function createSpace(
  testApp: TestApp,
  project: TestProject,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<TestSpace> {
  const response = await request(testApp.http)
    .post(`${project.base}/spaces`)
    .set(user.auth)
    .send({ name: `Space ${randomUUID().slice(0, 8)}`, requireJoinApproval: false, ...body });
  if (response.status !== 201) throw new Error(`createSpace: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as TestSpace;
}

/**
 * Makes `user` an active member of the space with `role`, through the API: join, approval by
 * `admin` when the space asks for it, and a role change. Returns the membership id.
 */
export async function addMember(
  testApp: TestApp,
  project: TestProject,
  space: { id: string },
  admin: TestUser,
  user: TestUser,
  role: 'member' | 'moderator' | 'admin' = 'member',
): Promise<string> {
  const base = `${project.base}/spaces/${space.id}`;
  const joined = await request(testApp.http).post(`${base}/join`).set(user.auth);
  if (joined.status !== 201) throw new Error(`addMember: join ${joined.status} ${JSON.stringify(joined.body)}`);
  const memberId = joined.body.membership.id as string;
  if (joined.body.membership.status === 'pending') {
    await request(testApp.http).patch(`${base}/members/${memberId}/approve`).set(admin.auth).expect(200);
  }
  if (role !== 'member') {
    await request(testApp.http).patch(`${base}/members/${memberId}/role`).set(admin.auth).send({ role }).expect(200);
  }
  return memberId;
}

/** The membership row of a user in a space, or undefined. */
export async function membershipRow(
  testApp: TestApp,
  spaceId: string,
  userId: string,
): Promise<{ id: string; role: string; status: string } | undefined> {
  const rows = await sql<{ id: string; role: string; status: string }>(
    testApp,
    `SELECT id, role, status FROM space_members WHERE space_id = $1 AND user_id = $2`,
    [spaceId, userId],
  );
  return rows[0];
}
