import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isNew, joinNames, MAX_CARD_AUTHORS, shortAuthors } from './display.js'
import type { Author, Featuring } from './model.js'

const authors = (...names: string[]): Author[] => names.map((name) => ({ name, hidden: false }))

describe('joining names', () => {
  it('writes nothing, one name, “A and B”, or “A, B and C”', () => {
    expect(joinNames([])).toBe('')
    expect(joinNames(['Ada'])).toBe('Ada')
    expect(joinNames(['Ada', 'Alan'])).toBe('Ada and Alan')
    expect(joinNames(['Ada', 'Alan', 'Grace'])).toBe('Ada, Alan and Grace')
  })
})

describe('authors on a card', () => {
  it(`lists up to ${MAX_CARD_AUTHORS} names in full`, () => {
    expect(shortAuthors(authors('A', 'B', 'C', 'D'))).toBe('A, B, C and D')
  })

  it('shortens a longer list to the first names and a count of the others', () => {
    expect(shortAuthors(authors('A', 'B', 'C', 'D', 'E'))).toBe('A, B, C and 2 others')
    expect(shortAuthors(authors(...'ABCDEFGHIJKLMNO'))).toBe('A, B, C and 12 others')
  })

  it('leaves out hidden authors, also from the count', () => {
    const list = [...authors('A', 'B'), { name: 'Hidden', hidden: true }, ...authors('C')]
    expect(shortAuthors(list)).toBe('A, B and C')
  })

  it('is empty when no author is known', () => {
    expect(shortAuthors([])).toBe('')
  })

  it('names or counts every visible author exactly once, and never says “1 others”', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][a-z]{1,8}$/), hidden: fc.boolean() }), { maxLength: 30 }),
        (list) => {
          const visible = list.filter((a) => !a.hidden).length
          const text = shortAuthors(list)
          const others = /and (\d+) others$/.exec(text)
          const named = text === '' ? 0 : text.replace(/ and \d+ others$/, '').split(/, | and /).length
          expect(named + (others ? Number(others[1]) : 0)).toBe(visible)
          expect(named).toBeLessThanOrEqual(MAX_CARD_AUTHORS)
          expect(text).not.toMatch(/\b1 others/)
        },
      ),
    )
  })
})

describe('the “new” mark', () => {
  const featuring = (submittedAt: string): Featuring => ({
    featuredOn: submittedAt.slice(0, 10),
    source: 'hf',
    position: 0,
    submittedBy: null,
    submittedAt,
  })
  const now = Date.parse('2026-08-21T12:00:00.000Z')

  it('shows for a day after the paper was featured', () => {
    expect(isNew(featuring('2026-08-21T11:59:00.000Z'), now)).toBe(true)
    expect(isNew(featuring('2026-08-20T12:00:01.000Z'), now)).toBe(true)
  })

  it('is gone 24 hours later', () => {
    expect(isNew(featuring('2026-08-20T12:00:00.000Z'), now)).toBe(false)
    expect(isNew(featuring('2026-08-01T00:00:00.000Z'), now)).toBe(false)
  })

  it('does not show for a time in the future', () => {
    expect(isNew(featuring('2026-08-21T12:00:01.000Z'), now)).toBe(false)
  })
})

describe('the “new” mark on the demo set', () => {
  it('never shows, even just after the demo was loaded', () => {
    const now = Date.parse('2026-08-21T12:00:00.000Z')
    const demo: Featuring = {
      featuredOn: '2026-08-21',
      source: 'demo',
      position: 0,
      submittedBy: null,
      submittedAt: '2026-08-21T11:59:00.000Z',
    }
    expect(isNew(demo, now)).toBe(false)
    expect(isNew({ ...demo, source: 'hf' }, now)).toBe(true)
  })
})
