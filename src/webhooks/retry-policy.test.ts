import { describe, expect, it } from 'vitest'
import { backoffMs, judge, MAX_ATTEMPTS, retryAfterMs } from './retry-policy.js'

const NOW = Date.parse('2026-12-03T10:00:00Z')
const half = () => 0.5
const response = (status: number, retryAfter: string | null = null) =>
  ({ kind: 'response', status, retryAfter, body: '' }) as const

describe('what an attempt means', () => {
  it('2xx is delivered', () => {
    expect(judge(response(204), 1, NOW, half)).toEqual({ kind: 'delivered', status: 204 })
  })

  it('retries 5xx, 408, 429 and network errors, and fails other 4xx and redirects at once', () => {
    for (const status of [500, 502, 503, 408, 429]) expect(judge(response(status), 1, NOW, half).kind).toBe('retry')
    expect(judge({ kind: 'error', message: 'connect ECONNREFUSED' }, 1, NOW, half).kind).toBe('retry')
    for (const status of [400, 401, 403, 404, 410, 301])
      expect(judge(response(status), 1, NOW, half).kind).toBe('failed')
    expect(judge(response(302), 1, NOW, half)).toMatchObject({
      error: expect.stringContaining('redirects are not followed'),
    })
  })

  it('fails after the last attempt', () => {
    expect(judge(response(503), MAX_ATTEMPTS, NOW, half).kind).toBe('failed')
  })

  it('waits as Retry-After says, in seconds or as a date', () => {
    expect(judge(response(429, '120'), 1, NOW, half)).toMatchObject({ delayMs: 120_000 })
    expect(retryAfterMs('Thu, 03 Dec 2026 10:05:00 GMT', NOW)).toBe(300_000)
    expect(retryAfterMs('soon', NOW)).toBeNull()
  })

  it('backs off exponentially to 12 hours, with jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, half))).toEqual([60_000, 180_000, 540_000, 1_620_000])
    expect(backoffMs(20, half)).toBe(12 * 3_600_000)
    expect(backoffMs(1, () => 0)).toBe(48_000)
    expect(backoffMs(1, () => 1)).toBe(72_000)
  })
})
