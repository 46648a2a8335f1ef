import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { upsertPapers } from '../src/papers/upsert.js'
import { type Field, MAX_RESULTS, type SearchSort } from '../src/search/model.js'
import { parseQuery } from '../src/search/query.js'
import { searchPapers } from '../src/search/service.js'
import { describeEachDatabase } from './support/db.js'
import { emptyCatalog } from './support/ingest.js'

/**
 * Any input is safe: whatever a user types, search answers with results or nothing, never an
 * error, and in bounded time, on both databases.
 */

// What an attacker or a cat on the keyboard types: the query language's own operators, FTS5's and
// tsquery's syntax, SQL, quotes left open, control characters, emoji, and very long strings.
const HOSTILE = [
  '"',
  '""',
  '"unbalanced phrase',
  '-',
  '--',
  '*',
  'lang*',
  '**',
  'OR',
  'AND',
  'NOT',
  'NEAR(a b)',
  'a OR OR b',
  '(',
  ')',
  '{title}:x',
  'title:',
  'author:"',
  'cat:',
  'cat:cs.LG',
  'year:',
  'year:99999',
  'year:2024..2022',
  "'; drop table papers; --",
  '\\',
  '%',
  '_',
  '^',
  ':',
  '!',
  '&',
  '|',
  '<->',
  'x:*',
  '\u0000',
  '\u202e',
  '🦄',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '深度学习',
  'Schrödinger',
  '$\\alpha$',
]

const piece = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('learning', 'model', 'graph', 'quantum', 'language'),
)
const hostileQuery = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(' '))

/** A search that ends well before the test's own timeout, whatever it was asked. */
const BOUND_MS = 2_000

describeEachDatabase('search with any input', (db) => {
  beforeAll(async () => {
    await emptyCatalog(db())
    const words = ['learning', 'model', 'graph', 'quantum', 'language', 'network', 'lattice']
    await upsertPapers(
      db(),
      Array.from({ length: 60 }, (_, i) => ({
        id: `2403.${String(i).padStart(5, '0')}`,
        title: `${words[i % words.length]} ${words[(i * 3) % words.length]} study`,
        abstract: `${words[(i * 5) % words.length]} of ${words[(i * 2) % words.length]}, "quoted" OR NOT *stars* 🦄`,
        authors: ['Ada Lovelace', `Author ${i}`],
        categories: [i % 2 ? 'cs.LG' : 'hep-th'],
        publishedAt: `20${10 + (i % 15)}-06-01T00:00:00.000Z`,
      })),
    )
  })

  it('answers every random and hostile query without throwing, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileQuery,
        fc.constantFrom<SearchSort>('relevance', 'newest', 'upvotes'),
        fc.integer({ min: 0, max: MAX_RESULTS + 10 }),
        fc.integer({ min: 0, max: 120 }),
        async (text, sort, offset, limit) => {
          const started = performance.now()
          const page = await searchPapers(db(), { query: parseQuery(text), sort, offset, limit })
          expect(performance.now() - started).toBeLessThan(BOUND_MS)
          expect(page.hits.length).toBeLessThanOrEqual(limit)
          expect(page.total.value).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 2_000 },
    )
  }, 120_000)

  it('answers any query structure an engine can be handed, whatever its tokens hold', async () => {
    const atom = fc.record({
      field: fc.constantFrom<Field>('all', 'title', 'author', 'abstract'),
      tokens: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })), { maxLength: 3 }),
      phrase: fc.boolean(),
      prefix: fc.boolean(),
      text: fc.string({ maxLength: 6 }),
    })
    const query = fc.record({
      groups: fc.array(fc.array(atom, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
      excluded: fc.array(atom, { maxLength: 2 }),
      categories: fc.array(fc.oneof(fc.constantFrom('cs.lg', 'cs', 'hep-th'), fc.string({ maxLength: 6 })), {
        maxLength: 2,
      }),
      years: fc.option(
        fc.record({ from: fc.integer({ min: -5, max: 10_000 }), until: fc.integer({ min: -5, max: 10_000 }) }),
      ),
      notes: fc.constant([] as string[]),
    })
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (q, hasCode) => {
        const page = await searchPapers(db(), { query: q, hasCode, sort: 'relevance', offset: 0, limit: 20 })
        expect(page.hits.length).toBeLessThanOrEqual(20)
      }),
      { numRuns: 500 },
    )
  }, 120_000)

  it('reads a 10,000-character query', async () => {
    const text = 'learning "model '.repeat(700).slice(0, 10_000)
    const page = await searchPapers(db(), { query: parseQuery(text), sort: 'relevance', offset: 0, limit: 20 })
    expect(page.total.value).toBeGreaterThanOrEqual(0)
  })
})
