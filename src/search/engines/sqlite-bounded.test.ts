import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { candidatePool, type Contributions, estimate, verifiedTop } from './sqlite-bounded.js'
import type { StoredList } from './sqlite-lists.js'

/** A list of these rowids with these impacts, best first, as makeList keeps it. */
function list(entries: [rowid: number, impact: number][], complete: boolean): StoredList {
  const sorted = [...entries].sort((a, b) => b[1] - a[1] || a[0] - b[0])
  return {
    rowids: Int32Array.from(sorted, (e) => e[0]),
    impacts: Float64Array.from(sorted, (e) => e[1]),
    complete,
    maxRowid: 1_000,
  }
}

/** A check that passes the rowids `passes` accepts and counts its statements and rowids. */
function counting(passes: (rowid: number) => boolean) {
  const seen = { statements: 0, rowids: 0 }
  const check = async (rowids: readonly number[]) => {
    seen.statements++
    seen.rowids += rowids.length
    return new Set(rowids.filter(passes))
  }
  return { check, seen }
}

// Distinct rowids with impacts, for one word's whole list.
const entries = fc.uniqueArray(
  fc.tuple(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0.01, max: 10, noNaN: true })),
  {
    selector: (e) => e[0],
    maxLength: 200,
  },
)

describe('the best candidates of common words', () => {
  it('finds exactly the best papers by the sum of their impacts when every list is whole', async () => {
    await fc.assert(
      fc.asyncProperty(entries, entries, fc.integer({ min: 1, max: 50 }), async (a, b, need) => {
        const c: Contributions = {
          heads: [
            { list: list(a, true), certain: false },
            { list: list(b, true), certain: false },
          ],
          light: new Map(),
        }
        const pool = candidatePool(c)
        const { check } = counting(() => true)
        const top = await verifiedTop(c, pool, check, need, need)
        const sums = new Map<number, number>()
        for (const [rowid, impact] of [...a, ...b]) sums.set(rowid, (sums.get(rowid) ?? 0) + impact)
        const expected = [...sums]
          .sort((x, y) => y[1] - x[1] || x[0] - y[0])
          .slice(0, need)
          .map(([rowid]) => rowid)
        expect(top!.map((t) => t.rowid)).toEqual(expected)
        for (const t of top!) expect(t.score).toBeCloseTo(sums.get(t.rowid)!, 9)
      }),
      { numRuns: 200 },
    )
  })

  it('guesses half the floor of an incomplete list for a match it does not hold', () => {
    const c: Contributions = {
      heads: [
        {
          list: list(
            [
              [1, 4],
              [2, 2],
            ],
            false,
          ),
          certain: true,
        },
      ],
      light: new Map([[7, 1.5]]),
    }
    const pool = candidatePool(c)
    expect(estimate(c, pool, 1)).toBe(4)
    expect(estimate(c, pool, 7)).toBe(1.5 + 1)
    expect(estimate(c, pool, 99)).toBe(1)
  })

  it('reads down a long list in fewer, larger statements when a rare filter passes few, and stops once the page is full', async () => {
    const long = list(
      Array.from({ length: 10_000 }, (_, i): [number, number] => [i + 1, 10_000 - i]),
      false,
    )
    const c: Contributions = { heads: [{ list: long, certain: true }], light: new Map() }
    // One paper in a hundred passes (a year filter, say): 200 would need the whole list.
    const { check, seen } = counting((rowid) => rowid % 100 === 0)
    const top = await verifiedTop(c, candidatePool(c), check, 200, 20)
    expect(top!.length).toBeGreaterThanOrEqual(20)
    expect(top!.map((t) => t.rowid).slice(0, 3)).toEqual([100, 200, 300])
    expect(seen.rowids).toBeLessThan(10_000)
    expect(seen.statements).toBeLessThan(8)
  })
})
