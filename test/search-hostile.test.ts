import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import type { SearchRequest, SearchSort } from '../src/search/model.js'
import { parseQuery } from '../src/search/query.js'
import { searchPapers } from '../src/search/service.js'
import { createTestDb, DIALECTS, describeEachDatabase, type TestDb } from './support/db.js'
import { anyQueryText } from './support/hostile-text.js'

/**
 * Whatever is typed into the search box reaches an engine only as parseQuery's tokens: on both
 * databases it gives results or none, never an error, and both find the same papers.
 */
const paper = (id: string, title: string, abstract: string, more: Partial<PaperRecord> = {}): PaperRecord => ({
  id,
  title,
  abstract,
  authors: ['Ada Lovelace'],
  categories: ['cs.LG'],
  publishedAt: '2024-01-01T00:00:00.000Z',
  ...more,
})

const PAPERS: PaperRecord[] = [
  paper('2401.00001', 'Attention Is All You Need', 'Sequence transduction models are based on recurrent networks.', {
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: '2017-06-12T00:00:00.000Z',
  }),
  paper('2401.00002', 'Pre-training of $\\beta$-VAE models', "We pre-train a β-VAE; it's OR-free -- and NEAR(x) too.", {
    categories: ['stat.ML'],
    publishedAt: '2022-05-01T00:00:00.000Z',
  }),
  paper(
    '2401.00003',
    'Temperley--Lieb algebras and CeAg$_2$Ge$_2$',
    'Schrödinger, Gödel and the 深度学习 of α-helices.',
    {
      authors: ['Kurt G{\\"o}del'],
      categories: ['math.QA', 'hep-th'],
      publishedAt: '2019-03-01T00:00:00.000Z',
    },
  ),
  paper(
    '2401.00004',
    "Robert'); DROP TABLE papers; --",
    'A title that reads as SQL: "quotes", \\ backslashes and * stars.',
    {
      categories: ['cs.DB'],
      publishedAt: '2024-02-01T00:00:00.000Z',
    },
  ),
  paper(
    '2401.00005',
    'Large Language Models are Few-Shot Learners',
    'Language models learn in context from GPT-4 prompts.',
    {
      authors: ['Tom Brown'],
      categories: ['cs.CL'],
      publishedAt: '2020-05-28T00:00:00.000Z',
    },
  ),
]

const SORTS: SearchSort[] = ['relevance', 'newest', 'upvotes']
const request = (text: string, sort: SearchSort, limit = 20): SearchRequest => ({
  query: parseQuery(text),
  sort,
  offset: 0,
  limit,
})

describeEachDatabase('search on any input', (db) => {
  beforeAll(async () => {
    await upsertPapers(db(), PAPERS)
  })

  it('gives a page of results or none, never an error, for a thousand random and hostile texts', async () => {
    await fc.assert(
      fc.asyncProperty(anyQueryText, fc.constantFrom(...SORTS), async (text, sort) => {
        const page = await searchPapers(db(), request(text, sort))
        expect(page.hits.length).toBeLessThanOrEqual(20)
        expect(page.total.value).toBeGreaterThanOrEqual(page.hits.length)
      }),
      { numRuns: 1000 }, // on each database
    )
  })

  it('finds the papers the hostile-looking words are in', async () => {
    const found = async (text: string) =>
      (await searchPapers(db(), request(text, 'newest'))).hits.map((h) => h.paper.id)
    expect(await found("Robert'); DROP TABLE papers; --")).toEqual(['2401.00004'])
    expect(await found('NEAR(x) OR-free')).toEqual(['2401.00002'])
    expect(await found('β-VAE pretraining')).toEqual(['2401.00002'])
    expect(await found('Temperley-Lieb CeAg₂Ge₂ Gödel')).toEqual(['2401.00003'])
  })
})

/** Words, phrases and syntax from the papers above, so that random queries find something. */
const queryText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'language',
        'models',
        'model',
        'attention',
        '"language models"',
        '"all you need"',
        'lang*',
        'pre*',
        'att*',
        'β-VAE',
        'beta',
        'pretraining',
        'pre-training',
        'temperley-lieb',
        'godel',
        'schrodinger',
        '深度学习',
        'gpt-4',
        'drop',
        'table',
        'sql',
        'author:brown',
        'au:"tom brown"',
        'ti:attention',
        'abs:context',
        'cat:cs.CL',
        'cat:cs',
        'cat:hep-th',
        'year:2017..2020',
        'year:2024',
        '-language',
        '-"few shot"',
        'OR',
        'NOT',
        '|',
        'the',
      ),
      anyQueryText.map((s) => s.slice(0, 12)),
    ),
    { maxLength: 6 },
  )
  .map((p) => p.join(' '))

const both = DIALECTS.includes('sqlite') && DIALECTS.includes('postgres') && inject('postgresAvailable')
;(both ? describe : describe.skip)('search on SQLite and PostgreSQL', () => {
  const dbs: TestDb[] = []
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await createTestDb(dialect)
      await upsertPapers(db, PAPERS)
      dbs.push(db)
    }
  })
  afterAll(async () => {
    for (const db of dbs) await db.drop()
  })

  // A query of nothing at all is left out: SQLite finds no paper for it and PostgreSQL lists them
  // all, and model.ts does not say which is meant (the pages never search for one).
  it('finds the same papers for the same query', async () => {
    await fc.assert(
      fc.asyncProperty(queryText, async (text) => {
        const q = parseQuery(text)
        if (q.groups.length + q.excluded.length + q.categories.length === 0 && q.years === null) return
        const [onSqlite, onPostgres] = await Promise.all(
          dbs.map(async (db) => (await searchPapers(db, request(text, 'newest', 120))).hits.map((h) => h.paper.id)),
        )
        expect(onPostgres, text).toEqual(onSqlite)
      }),
      { numRuns: 500 },
    )
  })
})
