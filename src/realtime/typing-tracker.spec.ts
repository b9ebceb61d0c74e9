import { jest } from '@jest/globals';
import { TypingTracker } from './typing-tracker.js';

const C1 = '00000000-0000-4000-8000-000000000001';
const C2 = '00000000-0000-4000-8000-000000000002';

describe('TypingTracker', () => {
  let stopped: string[];
  let tracker: TypingTracker;

  beforeEach(() => {
    jest.useFakeTimers();
    stopped = [];
    tracker = new TypingTracker((conversationId) => stopped.push(conversationId), {
      minIntervalMs: 1000,
      idleStopMs: 5000,
    });
  });
  afterEach(() => {
    tracker.dispose();
    jest.useRealTimers();
  });

  it('relays the first start, drops the others within the interval, and relays the next one after it', () => {
    expect(tracker.start(C1)).toBe(true);
    jest.advanceTimersByTime(999);
    expect(tracker.start(C1)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(tracker.start(C1)).toBe(true);
  });

  it('paces each conversation on its own', () => {
    expect(tracker.start(C1)).toBe(true);
    expect(tracker.start(C2)).toBe(true);
  });

  it('stops by itself 5 s after the last start, counting dropped starts as signs of life', () => {
    tracker.start(C1);
    jest.advanceTimersByTime(500);
    tracker.start(C1); // dropped, but the user is still typing
    jest.advanceTimersByTime(4999);
    expect(stopped).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(stopped).toEqual([C1]);
    expect(tracker.isTyping(C1)).toBe(false);
  });

  it('relays a stop once per relayed start, and cancels the automatic stop', () => {
    expect(tracker.stop(C1)).toBe(false);
    tracker.start(C1);
    expect(tracker.stop(C1)).toBe(true);
    expect(tracker.stop(C1)).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(stopped).toEqual([]);
  });

  it('ignores a start dropped right after a stop, so that a start/stop flood relays one of each per interval', () => {
    tracker.start(C1);
    tracker.stop(C1);
    expect(tracker.start(C1)).toBe(false);
    expect(tracker.stop(C1)).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(stopped).toEqual([]);
  });

  it('on dispose, names the conversations still being typed in and fires no timer afterwards', () => {
    tracker.start(C1);
    tracker.start(C2);
    tracker.stop(C2);
    expect(tracker.dispose()).toEqual([C1]);
    jest.advanceTimersByTime(10_000);
    expect(stopped).toEqual([]);
  });
});
