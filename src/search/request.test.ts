import { describe, expect, it } from 'vitest'
import { HttpError } from '../platform/http/http-error.js'
import { MAX_RESULTS, type ParsedQuery } from './model.js'
import { asksForSomething, hasFilters, parseSearchOptions, searchParamsOf, toSearchRequest } from './request.js'

const EMPTY: ParsedQuery = { groups: [], excluded: [], categories: [], years: null, notes: [] }
const WORD: ParsedQuery = {
  ...EMPTY,
  groups: [[{ field: 'all', tokens: ['quasar'], phrase: false, prefix: false, text: 'quasar' }]],
}

const problem = (query: Record<string, string>) => {
  try {
    parseSearchOptions(query)
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.message}`
    throw error
  }
  return 'accepted'
}

describe('reading a search’s parameters', () => {
  it('gives the defaults for a bare query, and counts blank form fields as absent', () => {
    const o = parseSearchOptions({ q: ' quasar ', category: '', within: '', from: '', until: '', sort: '' })
    expect(o).toEqual({
      q: 'quasar',
      categories: [],
      within: null,
      from: null,
      until: null,
      hasCode: false,
      sort: 'relevance',
      page: 1,
      perPage: 20,
    })
    expect(hasFilters(o)).toBe(false)
  })

  it('reads categories separated by spaces or commas, each once', () => {
    expect(parseSearchOptions({ category: 'cs.LG, hep-th cs.LG  cond-mat.stat-mech' }).categories).toEqual([
      'cs.LG',
      'hep-th',
      'cond-mat.stat-mech',
    ])
  })

  it('lets a preset take the place of the days', () => {
    const o = parseSearchOptions({ within: 'month', from: '2024-01-01', until: '2024-02-01' })
    expect([o.within, o.from, o.until]).toEqual(['month', null, null])
    const custom = parseSearchOptions({ within: 'custom', from: '2024-01-01' })
    expect([custom.within, custom.from, custom.until]).toEqual([null, '2024-01-01', null])
  })

  it.each([
    [{ has_code: 'on' }, true],
    [{ has_code: '1' }, true],
    [{ has_code: 'true' }, true],
    [{ has_code: 'false' }, false],
    [{ has_code: '0' }, false],
  ])('reads has_code %o as %s', (query, expected) => {
    expect(parseSearchOptions(query).hasCode).toBe(expected)
  })

  it.each([
    [{ q: 'a'.repeat(251) }, /at most 250 characters/],
    [{ sort: 'best' }, /^400 sort: /],
    [{ within: 'decade' }, /^400 within: /],
    [{ from: '2024-02-30' }, /^400 from: .*2024-01-31/],
    [{ until: '24-01-01' }, /^400 until: /],
    [{ from: '2024-03-01', until: '2024-02-01' }, /from must be on or before until/],
    [{ category: 'cs.LG OR 1=1' }, /^400 category: /],
    [{ category: 'a b c d e f' }, /at most 5 categories/],
    [{ page: '0' }, /^400 page: /],
    [{ page: '1.5' }, /^400 page: /],
    [{ per_page: '101' }, /^400 per_page: /],
    [{ page: String(MAX_RESULTS / 20 + 1) }, /only the first 1000 results/],
    [{ has_code: 'yes please' }, /^400 has_code: /],
  ])('refuses %o with a 400 naming the problem', (query, message) => {
    expect(problem(query)).toMatch(message)
  })

  it('serves the last page that reaches MAX_RESULTS, and no further', () => {
    expect(problem({ page: String(MAX_RESULTS / 20) })).toBe('accepted')
    expect(problem({ page: '11', per_page: '100' })).toMatch(/^400/)
  })
})

describe('what the engine is asked', () => {
  it('turns inclusive days into the model’s half-open range', () => {
    const o = parseSearchOptions({ q: 'quasar', from: '2024-01-01', until: '2024-01-31', page: '3' })
    expect(toSearchRequest(o, WORD, '2026-09-01')).toEqual({
      query: WORD,
      from: '2024-01-01',
      until: '2024-02-01',
      sort: 'relevance',
      offset: 40,
      limit: 20,
    })
  })

  it('counts a preset back from today', () => {
    const o = parseSearchOptions({ within: 'week', category: 'cs.LG', has_code: '1', sort: 'newest' })
    expect(toSearchRequest(o, WORD, '2026-09-01')).toMatchObject({
      from: '2026-08-25',
      categories: ['cs.LG'],
      hasCode: true,
      sort: 'newest',
    })
    expect(toSearchRequest(o, WORD, '2026-09-01')).not.toHaveProperty('until')
  })

  it('never asks past MAX_RESULTS', () => {
    const o = parseSearchOptions({ page: '11', per_page: '99' })
    const r = toSearchRequest(o, WORD, '2026-09-01')
    expect(r.offset + r.limit).toBe(MAX_RESULTS)
  })

  it('sends nothing for an empty query without filters', () => {
    expect(asksForSomething(EMPTY)).toBe(false)
    expect(asksForSomething(EMPTY, parseSearchOptions({ category: 'cs.LG' }))).toBe(true)
    expect(asksForSomething({ ...EMPTY, years: { from: 2024, until: 2024 } })).toBe(true)
    expect(asksForSomething(WORD)).toBe(true)
  })
})

describe('a search’s address', () => {
  it('writes the parameters back without defaults, and reads back the same search', () => {
    const o = parseSearchOptions({
      q: 'quasar light',
      category: 'astro-ph.GA,astro-ph.CO',
      from: '2024-01-01',
      has_code: 'on',
      sort: 'upvotes',
      page: '2',
    })
    const params = searchParamsOf(o)
    expect(params.toString()).toBe(
      'q=quasar+light&category=astro-ph.GA+astro-ph.CO&from=2024-01-01&has_code=1&sort=upvotes&page=2',
    )
    expect(parseSearchOptions(Object.fromEntries(params))).toEqual(o)
    expect(searchParamsOf(o, { page: 1 }).has('page')).toBe(false)
    expect(searchParamsOf(parseSearchOptions({ q: 'x' })).toString()).toBe('q=x')
  })
})
