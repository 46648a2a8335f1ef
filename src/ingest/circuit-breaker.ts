export interface CircuitBreakerOptions {
  /** The pause after the first failure; each failure in a row doubles it. */
  firstPauseMs: number
  /** The longest pause: an outage longer than this is tried again this often. */
  maxPauseMs: number
  now?: () => number
}

/**
 * Stops calling a service that has just failed, for a pause that doubles with each failure in a
 * row, so that callers are answered at once instead of each waiting for the same failure. After
 * the pause calls go through again: a success closes the breaker, a failure pauses it for longer.
 */
export class CircuitBreaker {
  private failures = 0
  private pausedUntil = 0
  private readonly now: () => number

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now
  }

  /** Milliseconds until calls may go again; 0 when a call may go now. */
  remainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now())
  }

  /** The time calls may go again (ms since the epoch of `now`); 0 when they may go now. */
  resumesAt(): number {
    return this.remainingMs() > 0 ? this.pausedUntil : 0
  }

  /**
   * Records a failed call and returns the pause it starts. Calls that were already under way when
   * the pause began fail with it and do not lengthen it: one outage is one failure.
   */
  recordFailure(): number {
    if (this.remainingMs() > 0) return this.remainingMs()
    const pause = Math.min(this.options.firstPauseMs * 2 ** this.failures, this.options.maxPauseMs)
    this.failures++
    this.pausedUntil = this.now() + pause
    return pause
  }

  /** Records a call that worked; true when it ends a run of failures (the service is back). */
  recordSuccess(): boolean {
    const wasFailing = this.failures > 0
    this.failures = 0
    this.pausedUntil = 0
    return wasFailing
  }
}
