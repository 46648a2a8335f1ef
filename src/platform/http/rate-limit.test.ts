import { describe, expect, it } from 'vitest'
import { waitText } from './rate-limit.js'

describe('how long a 429 says to wait', () => {
  it('counts seconds, then minutes, then hours, rounding up', () => {
    expect(waitText(1)).toBe('1 second')
    expect(waitText(30)).toBe('30 seconds')
    expect(waitText(89)).toBe('89 seconds')
    expect(waitText(90)).toBe('2 minutes')
    expect(waitText(3600)).toBe('60 minutes')
    expect(waitText(5400)).toBe('2 hours')
  })
})
