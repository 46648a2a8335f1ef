import { expect, it } from 'vitest'
import { formatAgo, formatExact } from './ago.js'

it('says how long ago a comment was written, then its date', () => {
  const now = Date.parse('2026-12-03T12:00:00Z')
  expect(formatAgo('2026-12-03T11:59:30Z', now)).toBe('just now')
  expect(formatAgo('2026-12-03T11:59:00Z', now)).toBe('1 minute ago')
  expect(formatAgo('2026-12-03T09:10:00Z', now)).toBe('2 hours ago')
  expect(formatAgo('2026-11-30T12:00:00Z', now)).toBe('3 days ago')
  expect(formatAgo('2026-11-02T12:00:00Z', now)).toBe('Nov 2, 2026')
  expect(formatAgo('2026-12-03T12:00:05Z', now)).toBe('just now')
})

it('gives the exact moment in UTC', () => {
  expect(formatExact('2026-12-03T10:05:00Z')).toBe('Dec 3, 2026, 10:05 AM UTC')
})
