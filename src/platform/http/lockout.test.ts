import { describe, expect, it } from 'vitest'
import { type Lockout, lockSeconds } from './lockout.js'

const rule: Lockout = { name: 't', freeFailures: 5, firstLockS: 30, maxLockS: 3600, memoryS: 86_400 }

describe('growing lockouts', () => {
  it('lets the first failures through without a lock', () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(rule, n))).toEqual([0, 0, 0, 0])
  })

  it('locks at the fifth failure and doubles the lock with each one after it', () => {
    expect([5, 6, 7, 8].map((n) => lockSeconds(rule, n))).toEqual([30, 60, 120, 240])
  })

  it('never locks longer than the ceiling, however many failures', () => {
    expect(lockSeconds(rule, 12)).toBe(3600)
    expect(lockSeconds(rule, 10_000)).toBe(3600)
  })
})
