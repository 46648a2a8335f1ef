import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from './circuit-breaker.js'

const FIRST = 30_000
const MAX = 240_000

function breakerAt(start = 1_000_000) {
  const clock = { t: start }
  const breaker = new CircuitBreaker({ firstPauseMs: FIRST, maxPauseMs: MAX, now: () => clock.t })
  return { breaker, clock }
}

describe('the circuit breaker', () => {
  it('lets calls go while nothing has failed', () => {
    const { breaker } = breakerAt()
    expect(breaker.remainingMs()).toBe(0)
    expect(breaker.resumesAt()).toBe(0)
    expect(breaker.recordSuccess()).toBe(false)
  })

  it('pauses calls after a failure, counting down with the clock', () => {
    const { breaker, clock } = breakerAt()
    expect(breaker.recordFailure()).toBe(FIRST)
    expect(breaker.remainingMs()).toBe(FIRST)
    expect(breaker.resumesAt()).toBe(clock.t + FIRST)
    clock.t += FIRST - 1
    expect(breaker.remainingMs()).toBe(1)
    clock.t += 1
    expect(breaker.remainingMs()).toBe(0)
    expect(breaker.resumesAt()).toBe(0)
  })

  it('doubles the pause with each failure in a row, up to the longest pause', () => {
    const { breaker, clock } = breakerAt()
    const pauses: number[] = []
    for (let i = 0; i < 6; i++) {
      pauses.push(breaker.recordFailure())
      clock.t += breaker.remainingMs()
    }
    expect(pauses).toEqual([FIRST, 2 * FIRST, 4 * FIRST, MAX, MAX, MAX])
  })

  it('counts failures of calls already under way during a pause as the same outage', () => {
    const { breaker, clock } = breakerAt()
    breaker.recordFailure()
    clock.t += 1000
    expect(breaker.recordFailure()).toBe(FIRST - 1000)
    expect(breaker.recordFailure()).toBe(FIRST - 1000)
    clock.t += FIRST
    expect(breaker.recordFailure()).toBe(2 * FIRST) // the second failure in a row, not the fourth
  })

  it('closes on a success, says the service is back, and starts again from the first pause', () => {
    const { breaker, clock } = breakerAt()
    breaker.recordFailure()
    clock.t += FIRST
    breaker.recordFailure()
    clock.t += 2 * FIRST
    expect(breaker.recordSuccess()).toBe(true)
    expect(breaker.remainingMs()).toBe(0)
    expect(breaker.recordSuccess()).toBe(false)
    expect(breaker.recordFailure()).toBe(FIRST)
  })
})
