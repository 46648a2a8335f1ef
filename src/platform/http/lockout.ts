/**
 * Growing delays after failed attempts (log-in, a second-factor code): a few failures are free,
 * then each one locks the key for twice as long as the one before, up to a ceiling. Guessing a
 * password then costs hours per dozen tries while a reader who mistyped waits seconds. A success
 * forgets the failures (RateLimits.clearFailures).
 */
export interface Lockout {
  /** Names the rule's counters; two rules never share one. */
  name: string
  /** Failures allowed before the first lock. */
  freeFailures: number
  /** The first lock, in seconds; each further failure doubles it. */
  firstLockS: number
  maxLockS: number
  /** How long failures are remembered when no success clears them. */
  memoryS: number
}

/** How long the `failures`-th failure in a row locks the key: 0 while it is still free. */
export function lockSeconds(rule: Lockout, failures: number): number {
  if (failures < rule.freeFailures) return 0
  const doublings = failures - rule.freeFailures
  // 2 ** 40 already exceeds any ceiling; capping the exponent keeps the number finite.
  return Math.min(rule.maxLockS, rule.firstLockS * 2 ** Math.min(doublings, 40))
}
