import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { HttpError } from './http-error.js'

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
  consume(limit: Limit, key: string, message?: string): Promise<void>
  /** How many actions of `key` the rule has counted in its current window (0 when none). */
  used(limit: Limit, key: string): Promise<number>
  /** Forgets `key`'s count (a successful log-in clears its failures). */
  reset(limit: Limit, key: string): Promise<void>
  close(): Promise<void>
}

/**
 * Rate limits kept in this process, or with `redisUrl` in Redis, so that several instances behind
 * one load balancer enforce one set of limits. Should Redis be unreachable, each instance falls back
 * to its own memory (rate-limiter-flexible's insurance limiter) rather than refusing everyone.
 */
export function createRateLimits(redisUrl?: string | null): RateLimits {
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : null
  redis?.on('error', () => {}) // the insurance limiter takes over; reconnects are ioredis's own
  const limiters = new Map<string, RateLimiterAbstract>()
  const limiter = (limit: Limit): RateLimiterAbstract => {
    let l = limiters.get(limit.name)
    if (!l) {
      const options = {
        keyPrefix: `rl:${limit.name}`,
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
  return {
    async consume(limit, key, message) {
      try {
        await limiter(limit).consume(key)
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
        throw new HttpError(429, message ?? `Too many attempts. Try again in ${waitText(seconds)}.`, {
          headers: { 'Retry-After': String(seconds) },
        })
      }
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

function waitText(seconds: number): string {
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
