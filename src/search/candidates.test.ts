import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BOOST_WINDOW, mayReachPage, rerankWithBoost, rowsForPage, unseenBound } from './candidates.js'

const list = (pairs: [number, number][], complete = false) => ({
  rowids: Int32Array.from(pairs.map((p) => p[0])),
  impacts: Float64Array.from(pairs.map((p) => p[1])),
  complete,
})

describe('bounded candidates', () => {
  it('bounds an unlisted paper by the last impact of every incomplete list', () => {
    expect(
      unseenBound([
        list([
          [1, 5],
          [2, 3],
        ]),
        list([
          [3, 4],
          [4, 1],
        ]),
        list([[5, 9]], true),
      ]),
    ).toBe(4)
  })
})

describe('the boost window', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  it('lets a recent, upvoted paper pass a slightly better match, never a much better one', () => {
    const ranked = rerankWithBoost(
      [
        { id: 'old-best', score: 10, publishedAt: '2000-01-01T00:00:00Z', upvotes: 0 },
        { id: 'old-good', score: 9.5, publishedAt: '2000-01-01T00:00:00Z', upvotes: 0 },
        { id: 'new-good', score: 9.5, publishedAt: '2024-12-31T00:00:00Z', upvotes: 500 },
        { id: 'new-weak', score: 5, publishedAt: '2024-12-31T00:00:00Z', upvotes: 500 },
      ],
      now,
    )
    expect(ranked.map((r) => r.id)).toEqual(['new-good', 'old-best', 'old-good', 'new-weak'])
  })

  it('keeps the text order below the window', () => {
    const matches = Array.from({ length: BOOST_WINDOW + 2 }, (_, i) => ({
      id: String(i),
      score: 1000 - i,
      publishedAt: i === BOOST_WINDOW + 1 ? '2024-12-31T00:00:00Z' : '2000-01-01T00:00:00Z',
      upvotes: 0,
    }))
    expect(
      rerankWithBoost(matches, now)
        .slice(BOOST_WINDOW)
        .map((r) => r.id),
    ).toEqual([BOOST_WINDOW, BOOST_WINDOW + 1].map(String))
  })
})

describe('the matches weighed for a page', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  const day = (d: number) => new Date(now - d * 86_400_000).toISOString()

  it('give the page exactly what all the matches give it, for any scores, dates, votes and page', () => {
    // Most matches unboosted (old, no votes), some boosted to the full: the ones that cross the page's end.
    const match = fc.record({
      // Few distinct scores as well as many: ties must come out in the same order.
      score: fc.oneof(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 60 }).map((x) => x / 10),
      ),
      publishedAt: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((d) => day(d)) },
        { weight: 1, arbitrary: fc.constant(day(0)) },
      ),
      upvotes: fc.oneof(
        { weight: 4, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
      ),
    })
    fc.assert(
      fc.property(
        fc.array(match, { minLength: 20, maxLength: 120, size: 'max' }),
        fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 240 })),
        fc.integer({ min: 1, max: 50 }),
        (drawn, offset, limit) => {
          const matches = drawn
            .map((m, i) => ({ ...m, id: `p${i}` }))
            .sort((a, b) => b.score - a.score)
            .slice(0, rowsForPage(offset, limit))
          const weighed = mayReachPage(matches, offset, limit)
          const page = (from: readonly (typeof matches)[number][]) =>
            rerankWithBoost(from, now).slice(offset, offset + limit)
          expect(page(weighed)).toEqual(page(matches))
        },
      ),
      // A failure is reported as found: shrinking arrays this long takes minutes.
      { numRuns: 3_000, endOnFailure: true },
    )
  })

  it('keep a fully boosted match whose boosted score passes the floor by a rounding error', () => {
    // 1.5 fully boosted is 1.8000000000000003, above a plain 1.8 at the page's end: found by the
    // property above, when the bound was written 1 + 2 · 0.1 and rounded below the boost itself.
    const matches = [
      { id: 'a', score: 1.8, publishedAt: null, upvotes: 0 },
      { id: 'b', score: 1.5, publishedAt: day(0), upvotes: 5_000 },
    ]
    expect(mayReachPage(matches, 0, 1).map((m) => m.id)).toEqual(['a', 'b'])
    expect(rerankWithBoost(mayReachPage(matches, 0, 1), now)[0]!.id).toBe('b')
  })

  it('are far fewer than the window when the scores fall away after the page', () => {
    const matches = Array.from({ length: BOOST_WINDOW }, (_, i) => ({
      id: String(i),
      score: 100 / (i + 1),
      publishedAt: day(i),
      upvotes: i,
    }))
    // 100/24 · 1.2 = 100/20: the 21st to 24th can still reach the 20th, the 25th (100/25 · 1.2) cannot.
    expect(mayReachPage(matches, 0, 20)).toHaveLength(24)
    expect(mayReachPage(matches, 190, 20)).toHaveLength(BOOST_WINDOW)
  })
})
