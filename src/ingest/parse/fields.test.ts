import { describe, expect, it } from 'vitest'
import {
  arxivCategories,
  collapseWhitespace,
  flawIn,
  isoFromDay,
  isoFromTimestamp,
  isWithdrawn,
  optionalText,
  parseRfc2822,
} from './fields.js'

describe('text', () => {
  it("unwraps arXiv's hard wrapping", () => {
    expect(collapseWhitespace('  A fully differential calculation is\npresented.\n')).toBe(
      'A fully differential calculation is presented.',
    )
    expect(collapseWhitespace('Modeling\n  an Infectious Disease')).toBe('Modeling an Infectious Disease')
  })

  it('collapses every kind of whitespace run to one space, and leaves single spaces alone', () => {
    expect(collapseWhitespace('a b\tc \u00a0 d\u3000e  f \r\n g\u2028')).toBe('a b c d e f g')
    expect(collapseWhitespace(' \n\t ')).toBe('')
    expect(collapseWhitespace('one two three')).toBe('one two three')
  })

  it('takes empty text for no text', () => {
    expect(optionalText(' \n ')).toBeUndefined()
    expect(optionalText(null)).toBeUndefined()
    expect(optionalText(' 34 pages ')).toBe('34 pages')
  })
})

describe('dates', () => {
  it('reads Atom timestamps in UTC and with an offset', () => {
    expect(isoFromTimestamp('2022-01-31T18:59:34Z')).toBe('2022-01-31T18:59:34.000Z')
    expect(isoFromTimestamp('2025-08-20T00:00:00-04:00')).toBe('2025-08-20T04:00:00.000Z')
    expect(isoFromTimestamp('2022-01-31')).toBeUndefined()
    expect(isoFromTimestamp('Mon, 2 Apr 2007 19:18:42 GMT')).toBeUndefined()
  })

  it('reads days, refusing ones the calendar lacks', () => {
    expect(isoFromDay('2008-11-26')).toBe('2008-11-26T00:00:00.000Z')
    expect(isoFromDay('2023-02-31')).toBeUndefined()
    expect(isoFromDay('2008-11-26T00:00:00Z')).toBeUndefined()
  })

  it('reads RFC 2822 dates, keeping the day as the zone writes it', () => {
    expect(parseRfc2822('Mon, 2 Apr 2007 19:18:42 GMT')).toEqual({ iso: '2007-04-02T19:18:42.000Z', day: '2007-04-02' })
    expect(parseRfc2822('Mon, 02 Apr 2007 19:18:42 GMT')?.iso).toBe('2007-04-02T19:18:42.000Z')
    expect(parseRfc2822('Thu, 28 Nov 2024 00:00:00 -0500')).toEqual({
      iso: '2024-11-28T05:00:00.000Z',
      day: '2024-11-28',
    })
    // An announcement late on the 28th in New York is the 29th in UTC, and still the 28th's.
    expect(parseRfc2822('Thu, 28 Nov 2024 23:30:00 -0500')).toEqual({
      iso: '2024-11-29T04:30:00.000Z',
      day: '2024-11-28',
    })
  })

  it('refuses RFC 2822 dates that are not', () => {
    for (const text of [
      'Mon, 2 Apr 2007',
      'Mon, 2 Foo 2007 19:18:42 GMT',
      'Mon, 31 Feb 2007 19:18:42 GMT',
      '2 Apr 2007 25:00:00 GMT',
      '',
    ]) {
      expect(parseRfc2822(text), text).toBeUndefined()
    }
  })
})

describe('categories', () => {
  it('keeps arXiv categories in order, once each, and drops other schemes', () => {
    expect(
      arxivCategories(['math.AP', 'math.AP', '35', 'I.2.6', '68T05', '', undefined, 'cond-mat.stat-mech', 'hep-th']),
    ).toEqual(['math.AP', 'cond-mat.stat-mech', 'hep-th'])
  })

  it('gives none when none is left', () => {
    expect(arxivCategories(['', '35'])).toBeUndefined()
  })
})

describe('withdrawal notices', () => {
  // As arXiv wrote them, from ../shared/data/arxiv-listings and the snapshot.
  it.each([
    'This paper has been withdrawn by the authors.',
    'This paper has been withdrawn by the authors. This paper has been accepted for publication in JGR-Space Physics.',
    'This article has been withdrawn because it has been merged with the earlier article GCT3',
    'paper withdrawn due to the possible error in numerical eigenfunction calculation',
    'paper withdrawn by author',
    'withdrawn by arXiv administrators due to plagiarism. See http://arxiv.org/new/withdrawals.aug.07.html',
    'This paper has been removed by arXiv administrators because it plagiarizes gr-qc/0410004',
    'This papers has been withdrawn',
    'Withdrawn',
  ])('reads %j as withdrawn', (text) => {
    expect(isWithdrawn(undefined, text)).toBe(true)
  })

  it.each([
    '9 pages, 5 figures. This paper was withdrawn from the IJCAI 2025 proceedings due to the lack of participation',
    'Accepted to LM4Plan Workshop @ ICAPS 2025 (withdrawn before presentation due to lack of travel funding)',
    'The expansion of data centers (DCs) drives a sustained increase in electricity demand and associated water withdrawals',
    'Withdrawal rates in retirement planning',
  ])('does not read %j as withdrawn', (text) => {
    expect(isWithdrawn(text)).toBe(false)
  })
})

describe('flaws that keep a record out', () => {
  it('finds an empty title and text decoded from bytes that were not UTF-8', () => {
    expect(flawIn({ id: '2201.13452', title: 'A title' })).toBeNull()
    expect(flawIn({ id: '2201.13452', title: '' })).toBe('no title')
    expect(flawIn({ id: '2201.13452', title: 'A', authors: ['G\uFFFDhler'] })).toMatch(/U\+FFFD/)
  })
})
