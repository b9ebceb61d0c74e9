/** How typing relays are paced, per socket and conversation. */
interface TypingTimings {
  /** At most one `typing:start` is relayed per this interval; the official client repeats one every 2 s. */
  minIntervalMs: number;
  /** A socket that sent no `typing:start` for this long is announced as stopped by the server. */
  idleStopMs: number;
}

const DEFAULT_TYPING_TIMINGS: TypingTimings = { minIntervalMs: 1000, idleStopMs: 5000 };

/**
 * The typing state of one socket: where it is typing, whether its next `typing:start` may be
 * relayed, and a timer per conversation that stops it when the client goes quiet (a closed laptop
 * sends no `typing:stop`). It decides; the gateway relays.
 */
export class TypingTracker {
  private readonly lastRelayedAt = new Map<string, number>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onIdle: (conversationId: string) => void,
    private readonly timings: TypingTimings = DEFAULT_TYPING_TIMINGS,
  ) {}

  /** A `typing:start` arrived. True when it is to be relayed; excess starts are dropped. */
  start(conversationId: string): boolean {
    const now = Date.now();
    const last = this.lastRelayedAt.get(conversationId);
    const throttled = last !== undefined && now - last < this.timings.minIntervalMs;
    // A dropped start still proves the user is typing, unless the others were told they stopped.
    if (throttled && !this.isTyping(conversationId)) return false;
    this.armIdleStop(conversationId);
    if (throttled) return false;
    this.lastRelayedAt.set(conversationId, now);
    return true;
  }

  /**
   * A `typing:stop` arrived. True when it is to be relayed: only once per relayed start, so stops
   * cannot be flooded either.
   */
  stop(conversationId: string): boolean {
    const timer = this.idleTimers.get(conversationId);
    if (!timer) return false;
    clearTimeout(timer);
    this.idleTimers.delete(conversationId);
    return true;
  }

  isTyping(conversationId: string): boolean {
    return this.idleTimers.has(conversationId);
  }

  /** The socket is gone: clears every timer and returns the conversations it was typing in. */
  dispose(): string[] {
    const typing = [...this.idleTimers.keys()];
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.lastRelayedAt.clear();
    return typing;
  }

  private armIdleStop(conversationId: string): void {
    clearTimeout(this.idleTimers.get(conversationId));
    const timer = setTimeout(() => {
      this.idleTimers.delete(conversationId);
      this.onIdle(conversationId);
    }, this.timings.idleStopMs);
    this.idleTimers.set(conversationId, timer);
  }
}
