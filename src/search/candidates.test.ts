import { describe, expect, it } from 'vitest'
import { BOOST_WINDOW, rerankWithBoost, unseenBound } from './candidates.js'

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
