import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMMENT_WEIGHT, HALF_LIFE_HOURS, trendingScore as scoreOf } from './trending.js'

const HOUR_MS = 3_600_000
const at = (ms: number) => new Date(ms).toISOString()
const NOW = Date.parse('2026-08-21T12:00:00.000Z')
/** Upvotes alone, as most of these properties are about time. */
const trendingScore = (upvotes: number, featuredAt: string | null) => scoreOf({ upvotes, comments: 0 }, featuredAt)

/** The definition the stored score stands for: upvotes decayed by the time since featuring. */
const decayed = (upvotes: number, featuredMs: number) =>
  (upvotes + 1) * 2 ** (-(NOW - featuredMs) / HOUR_MS / HALF_LIFE_HOURS)

describe('trending score', () => {
  const paper = fc.record({
    upvotes: fc.integer({ min: 0, max: 5_000 }),
    // Up to 90 days before now, to the second: the range a trending page looks at.
    featuredMs: fc.integer({ min: NOW - 90 * 24 * HOUR_MS, max: NOW }).map((ms) => ms - (ms % 1000)),
  })

  it('orders papers as their decayed upvotes do', () => {
    fc.assert(
      fc.property(fc.array(paper, { minLength: 2, maxLength: 40 }), (papers) => {
        const byScore = [...papers].sort(
          (a, b) => trendingScore(b.upvotes, at(b.featuredMs)) - trendingScore(a.upvotes, at(a.featuredMs)),
        )
        for (let i = 1; i < byScore.length; i++) {
          const [a, b] = [byScore[i - 1]!, byScore[i]!]
          // Allow for rounding where two papers are as good as tied.
          expect(decayed(a.upvotes, a.featuredMs)).toBeGreaterThanOrEqual(decayed(b.upvotes, b.featuredMs) * (1 - 1e-9))
        }
      }),
    )
  })

  it('ranks 19 upvotes one half-life ago level with 9 upvotes now, as (upvotes + 1) halves', () => {
    const today = trendingScore(9, at(NOW))
    const yesterday = trendingScore(19, at(NOW - HALF_LIFE_HOURS * HOUR_MS))
    expect(yesterday).toBeCloseTo(today, 9)
  })

  it('ranks more upvotes higher on the same day, and a later day higher for the same upvotes', () => {
    expect(trendingScore(10, at(NOW))).toBeGreaterThan(trendingScore(9, at(NOW)))
    expect(trendingScore(10, at(NOW))).toBeGreaterThan(trendingScore(10, at(NOW - HOUR_MS)))
  })

  it('treats negative upvotes as none', () => {
    expect(trendingScore(-5, at(NOW))).toBe(trendingScore(0, at(NOW)))
  })

  it('puts a paper never featured below any featured one', () => {
    expect(trendingScore(1_000_000, null)).toBeLessThan(trendingScore(0, '2000-01-01T00:00:00.000Z'))
  })

  it('counts a comment as COMMENT_WEIGHT of an upvote', () => {
    const commented = scoreOf({ upvotes: 4, comments: 2 }, at(NOW))
    expect(commented).toBeCloseTo(scoreOf({ upvotes: 4 + 2 * COMMENT_WEIGHT, comments: 0 }, at(NOW)), 12)
    expect(commented).toBeGreaterThan(scoreOf({ upvotes: 4, comments: 0 }, at(NOW)))
    expect(commented).toBeLessThan(scoreOf({ upvotes: 6, comments: 0 }, at(NOW)))
  })

  it('ranks 10 comments one half-life ago level with 4 comments now, as (interest + 1) halves', () => {
    // 4 comments weigh 2 upvotes (interest + 1 = 3); twice that a day earlier is 5 upvotes' worth.
    const today = scoreOf({ upvotes: 0, comments: 4 }, at(NOW))
    const yesterday = scoreOf({ upvotes: 0, comments: 10 }, at(NOW - HALF_LIFE_HOURS * HOUR_MS))
    expect(yesterday).toBeCloseTo(today, 9)
  })
})
