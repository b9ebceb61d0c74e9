import { AppError } from '../../common/errors/app-error.js';
import { parseSpaceReputation } from './space-reputation-selection.js';

const SPACE = '6f1c2b1e-3f3a-4c55-9d2b-2f6f1f0e9a11';
const CONTEXT = { context: true };
const USER_DIRECT = { context: false };

function failure(query: Record<string, unknown>, options = CONTEXT): AppError {
  try {
    parseSpaceReputation(query, options);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseSpaceReputation', () => {
  it('returns null when spaceReputationId is absent', () => {
    expect(parseSpaceReputation({}, CONTEXT)).toBeNull();
  });

  it('ignores spaceReputationDescendants without an id', () => {
    expect(parseSpaceReputation({ spaceReputationDescendants: 'true' }, CONTEXT)).toBeNull();
  });

  it('reads a space id, lower-cased, with or without descendants', () => {
    expect(parseSpaceReputation({ spaceReputationId: SPACE.toUpperCase() }, USER_DIRECT)).toEqual({
      kind: 'space',
      spaceId: SPACE,
      descendants: false,
    });
    expect(parseSpaceReputation({ spaceReputationId: SPACE, spaceReputationDescendants: 'true' }, USER_DIRECT)).toEqual(
      { kind: 'space', spaceId: SPACE, descendants: true },
    );
    expect(
      parseSpaceReputation({ spaceReputationId: SPACE, spaceReputationDescendants: 'false' }, USER_DIRECT),
    ).toEqual({ kind: 'space', spaceId: SPACE, descendants: false });
  });

  it('reads none as the general bucket and ignores descendants with it', () => {
    expect(parseSpaceReputation({ spaceReputationId: 'none' }, USER_DIRECT)).toEqual({ kind: 'general' });
    expect(
      parseSpaceReputation({ spaceReputationId: 'none', spaceReputationDescendants: 'true' }, USER_DIRECT),
    ).toEqual({ kind: 'general' });
  });

  it('reads context on context endpoints, also with descendants=false', () => {
    expect(parseSpaceReputation({ spaceReputationId: 'context' }, CONTEXT)).toEqual({ kind: 'context' });
    expect(
      parseSpaceReputation({ spaceReputationId: 'context', spaceReputationDescendants: 'false' }, CONTEXT),
    ).toEqual({ kind: 'context' });
  });

  it.each([[''], ['general'], ['null'], ['NONE'], ['Context'], ['abc'], [`${SPACE}x`], [[SPACE, SPACE]], [{ a: 1 }]])(
    'refuses spaceReputationId=%j with space-reputation/invalid-id',
    (value) => {
      expect(failure({ spaceReputationId: value })).toMatchObject({
        status: 400,
        code: 'space-reputation/invalid-id',
        field: 'spaceReputationId',
      });
    },
  );

  it.each([[''], ['1'], ['yes'], ['TRUE'], [['true', 'false']]])(
    'refuses spaceReputationDescendants=%j with space-reputation/invalid-descendants',
    (value) => {
      expect(failure({ spaceReputationId: SPACE, spaceReputationDescendants: value })).toMatchObject({
        status: 400,
        code: 'space-reputation/invalid-descendants',
        field: 'spaceReputationDescendants',
      });
      expect(failure({ spaceReputationDescendants: value })).toMatchObject({
        code: 'space-reputation/invalid-descendants',
      });
    },
  );

  it('refuses context with descendants=true', () => {
    expect(failure({ spaceReputationId: 'context', spaceReputationDescendants: 'true' })).toMatchObject({
      status: 400,
      code: 'space-reputation/descendants-not-allowed',
    });
  });

  it('refuses context on user-direct endpoints', () => {
    expect(failure({ spaceReputationId: 'context' }, USER_DIRECT)).toMatchObject({
      status: 400,
      code: 'space-reputation/context-not-allowed',
      field: 'spaceReputationId',
    });
  });

  it('names the accepted values of the endpoint in the invalid-id message', () => {
    expect(failure({ spaceReputationId: 'x' }, CONTEXT).message).toContain("'context'");
    expect(failure({ spaceReputationId: 'x' }, USER_DIRECT).message).not.toContain("'context'");
  });
});
