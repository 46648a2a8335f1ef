import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isWeekday, listingDayOf, listingWindow } from './listing-days.js'
import { addDays } from './period.js'

describe("arXiv's listing days", () => {
  it('lists what is submitted from Tuesday 14:00 to Wednesday 14:00 New York time on Thursday', () => {
    // rss.arxiv.org's recorded feed of Thursday 28 November 2024 (EST, UTC−5).
    expect(listingDayOf('2024-11-26T19:00:00.000Z')).toBe('2024-11-28')
    expect(listingDayOf('2024-11-27T18:59:59.000Z')).toBe('2024-11-28')
    expect(listingDayOf('2024-11-27T19:00:00.000Z')).toBe('2024-11-29')
    expect(listingWindow('2024-11-28')).toEqual({ start: '2024-11-26T19:00:00.000Z', end: '2024-11-27T19:00:00.000Z' })
  })

  it('lists Thursday-to-Friday submissions on Monday and the weekend’s on Tuesday', () => {
    expect(listingDayOf('2024-11-28T20:00:00.000Z')).toBe('2024-12-02') // Thursday 15:00
    expect(listingDayOf('2024-11-29T20:00:00.000Z')).toBe('2024-12-03') // Friday 15:00
    expect(listingDayOf('2024-11-30T12:00:00.000Z')).toBe('2024-12-03') // Saturday
    expect(listingDayOf('2024-12-02T18:59:00.000Z')).toBe('2024-12-03') // Monday 13:59
    expect(listingWindow('2024-12-03')).toEqual({ start: '2024-11-29T19:00:00.000Z', end: '2024-12-02T19:00:00.000Z' })
  })

  it('keeps the 14:00 cutoff in New York time through daylight saving (UTC−4 in summer)', () => {
    expect(listingDayOf('2024-07-10T17:59:00.000Z')).toBe('2024-07-11')
    expect(listingDayOf('2024-07-10T18:00:00.000Z')).toBe('2024-07-12')
    // The week the clocks change: Friday 8 March 2024 is EST, Monday 11 March EDT.
    expect(listingWindow('2024-03-12')).toEqual({ start: '2024-03-08T19:00:00.000Z', end: '2024-03-11T18:00:00.000Z' })
  })

  it('gives a weekend an empty window where Friday’s ends, and no version lists on a weekend', () => {
    expect(listingWindow('2024-11-30')).toEqual({ start: '2024-11-28T19:00:00.000Z', end: '2024-11-28T19:00:00.000Z' })
    expect(listingWindow('2024-12-01')).toEqual(listingWindow('2024-11-30'))
  })

  it('places every moment in the window of its own listing day, a weekday', () => {
    const moment = fc.integer({ min: Date.parse('1991-08-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') })
    fc.assert(
      fc.property(moment, (t) => {
        const iso = new Date(t).toISOString()
        const day = listingDayOf(iso)
        const window = listingWindow(day)
        return isWeekday(day) && window.start <= iso && iso < window.end
      }),
      { numRuns: 2000 },
    )
  })

  it('tiles time: each weekday’s window starts where the previous listing day’s ends', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1991-08-01', n))
    fc.assert(
      fc.property(day, (d) => {
        if (!isWeekday(d)) return true
        let before = addDays(d, -1)
        while (!isWeekday(before)) before = addDays(before, -1)
        return listingWindow(before).end === listingWindow(d).start
      }),
    )
  })
})
