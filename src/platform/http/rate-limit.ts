import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { HttpError } from './http-error.js'
import { type Lockout, lockSeconds } from './lockout.js'

export type { Lockout } from './lockout.js'

/** One rule: at most `points` per `durationS` seconds per key; past it, wait `blockS` (default: the rest of the window). */
export interface Limit {
  /** Names the rule's counters; two rules never share one. */
  name: string
  points: number
  durationS: number
  blockS?: number
}

export interface RateLimits {
  /**
   * Counts one action of `key` (an IP, an account) against `limit`, or throws a 429 with
   * `Retry-After` and `message` (default: a plain "too many" sentence).
   */
  consume(limit: Limit, key: string, message?: LimitMessage): Promise<void>
  /** How many actions of `key` the rule has counted in its current window (0 when none). */
  used(limit: Limit, key: string): Promise<number>
  /** Forgets `key`'s count. */
  reset(limit: Limit, key: string): Promise<void>
  /** Throws a 429 with `Retry-After` while `key` is locked out by `rule` (lockout.ts). */
  checkLockout(rule: Lockout, key: string, message?: LimitMessage): Promise<void>
  /** Counts a failure of `key`, locking it for a growing time once its free failures are spent. */
  recordFailure(rule: Lockout, key: string): Promise<void>
  /** Forgets `key`'s failures and lock: a success. */
  clearFailures(rule: Lockout, key: string): Promise<void>
  close(): Promise<void>
}

export interface RateLimitOptions {
  /**
   * Starts every counter's key in Redis, `rl` by default: instances that should share limits share
   * it, and tests give each run its own so that they never see one another's counts.
   */
  keyPrefix?: string
}

/**
 * Rate limits kept in this process, or with `redisUrl` in Redis, so that several instances behind
 * one load balancer enforce one set of limits. Should Redis be unreachable, each instance falls back
 * to its own memory (rate-limiter-flexible's insurance limiter) rather than refusing everyone.
 */
export function createRateLimits(redisUrl?: string | null, { keyPrefix = 'rl' }: RateLimitOptions = {}): RateLimits {
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : null
  redis?.on('error', () => {}) // the insurance limiter takes over; reconnects are ioredis's own
  const limiters = new Map<string, RateLimiterAbstract>()
  const limiter = (limit: Limit): RateLimiterAbstract => {
    let l = limiters.get(limit.name)
    if (!l) {
      const options = {
        keyPrefix: `${keyPrefix}:${limit.name}`,
        points: limit.points,
        duration: limit.durationS,
        blockDuration: limit.blockS ?? 0,
      }
      l = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options)
      limiters.set(limit.name, l)
    }
    return l
  }
  // A lockout is two counters: its failures (remembered for `memoryS`) and its lock, a one-point
  // rule that block() fills for the lock's length.
  const failures = (rule: Lockout) => limiter({ name: `${rule.name}:failures`, points: 1e9, durationS: rule.memoryS })
  const lock = (rule: Lockout) => limiter({ name: `${rule.name}:lock`, points: 1, durationS: rule.maxLockS })
  return {
    async consume(limit, key, message) {
      try {
        await limiter(limit).consume(key)
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        throw tooMany(rejection.msBeforeNext, message)
      }
    },
    async checkLockout(rule, key, message) {
      const res = await lock(rule).get(key)
      if (res && res.consumedPoints > 1 && res.msBeforeNext > 0) throw tooMany(res.msBeforeNext, message)
    },
    async recordFailure(rule, key) {
      const res = await failures(rule).consume(key)
      const seconds = lockSeconds(rule, res.consumedPoints)
      if (seconds > 0) await lock(rule).block(key, seconds)
    },
    async clearFailures(rule, key) {
      await Promise.all([failures(rule).delete(key), lock(rule).delete(key)])
    },
    async used(limit, key) {
      const res = await limiter(limit).get(key)
      return res?.consumedPoints ?? 0
    },
    async reset(limit, key) {
      await limiter(limit).delete(key)
    },
    async close() {
      redis?.disconnect()
    },
  }
}

/** What a 429 says: a sentence, or one made from how long to wait ("5 minutes"). */
export type LimitMessage = string | ((wait: string) => string)

function tooMany(msBeforeNext: number, message?: LimitMessage): HttpError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  const wait = waitText(seconds)
  const text = typeof message === 'function' ? message(wait) : (message ?? `Too many attempts. Try again in ${wait}.`)
  return new HttpError(429, text, {
    headers: { 'Retry-After': String(seconds) },
  })
}

/** "42 seconds", "5 minutes", "3 hours": how long to wait, in words a 429 page can say. */
export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`
}

/**
 * The address a request came from: the socket's peer, or with `trustProxy` (the site runs behind a
 * reverse proxy that sets it) the last address X-Forwarded-For names, the one the proxy saw.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}
