import { describe, expect, it } from 'vitest'
import { refusal } from './rules.js'

const rules = { maxAgeDays: 14, perDay: 5 }
const now = Date.parse('2026-03-20T12:00:00Z')
const fresh = { publishedAt: '2026-03-10T18:00:00Z', featuredOn: [], submittedLastDay: 0, now }

describe('submission rules', () => {
  it('accepts a fresh paper that was never featured', () => {
    expect(refusal(fresh, rules)).toBeNull()
  })

  it('refuses a paper older than the age limit, counting from its arXiv v1 date', () => {
    expect(refusal({ ...fresh, publishedAt: '2026-03-06T11:59:59Z' }, rules)?.message).toMatch(
      /last 14 days.*2026-03-06/,
    )
    expect(refusal({ ...fresh, publishedAt: '2026-03-06T12:00:00Z' }, rules)).toBeNull()
    expect(refusal({ ...fresh, publishedAt: '2026-03-06T11:00:00Z' }, { ...rules, maxAgeDays: 30 })).toBeNull()
  })

  it('refuses a paper already featured on any day, naming the latest day', () => {
    expect(refusal({ ...fresh, featuredOn: ['2026-03-12', '2026-03-18'] }, rules)?.message).toMatch(
      /already.*2026-03-18/,
    )
  })

  it('refuses the sixth submission of a day, and counts the configured limit', () => {
    expect(refusal({ ...fresh, submittedLastDay: 4 }, rules)).toBeNull()
    const full = { ...fresh, submittedLastDay: 5, earliestInDay: '2026-03-19T15:30:00Z' }
    expect(refusal(full, rules)?.message).toBe(
      'You can submit 5 papers a day (any 24 hours). You can submit again after 15:30 UTC.',
    )
    expect(refusal({ ...fresh, submittedLastDay: 1 }, { ...rules, perDay: 1 })?.message).toMatch(/1 paper a day/)
  })

  it('refuses a paper whose date is unknown', () => {
    expect(refusal({ ...fresh, publishedAt: null }, rules)?.message).toMatch(/date of this paper is unknown/)
  })
})
