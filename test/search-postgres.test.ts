import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { postgresEngine } from '../src/search/engines/postgres.js'
import type { Atom, Field, ParsedQuery, SearchRequest } from '../src/search/model.js'
import { createTestDb, DIALECTS, type TestDb } from './support/db.js'
import { emptyCatalog } from './support/ingest.js'

/** What only PostgreSQL's engine has: its tsquery from hostile tokens, its candidate lists, its writer. */
const run = DIALECTS.includes('postgres') && inject('postgresAvailable') ? describe : describe.skip

const word = (token: string, field: Field = 'all', prefix = false): Atom => ({
  field,
  tokens: [token],
  phrase: false,
  prefix,
  text: token,
})
const phrase = (...tokens: string[]): Atom => ({
  field: 'all',
  tokens,
  phrase: true,
  prefix: false,
  text: tokens.join(' '),
})
const query = (groups: Atom[][], excluded: Atom[] = [], more: Partial<ParsedQuery> = {}): ParsedQuery => ({
  groups,
  excluded,
  categories: [],
  years: null,
  notes: [],
  ...more,
})
const request = (q: ParsedQuery, more: Partial<SearchRequest> = {}): SearchRequest => ({
  query: q,
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...more,
})
const paper = (id: string, title: string, more: Partial<PaperRecord> = {}): PaperRecord => ({
  id,
  title,
  abstract: 'An abstract.',
  authors: ['Ada Lovelace'],
  categories: ['cs.LG'],
  publishedAt: '2024-01-01T00:00:00.000Z',
  ...more,
})

run('the PostgreSQL search engine', () => {
  let db: TestDb
  const ids = async (r: SearchRequest) => (await postgresEngine(db).search(r)).ranked.map((h) => h.id).sort()

  beforeAll(async () => {
    db = await createTestDb('postgres')
  })
  afterAll(async () => {
    await db?.drop()
  })
  beforeEach(async () => {
    await emptyCatalog(db)
  })

  it('reads words, phrases, prefixes, fields, OR and NOT as the parsed query says', async () => {
    await upsertPapers(db, [
      paper('2401.00001', 'Large language models reason', { authors: ['Yann LeCun'] }),
      paper('2401.00002', 'Models of language acquisition', { abstract: 'We study LeCun networks.' }),
      paper('2401.00003', 'Langevin dynamics for sampling', { categories: ['stat.ML'] }),
    ])
    expect(await ids(request(query([[word('language')], [word('model')]])))).toEqual(['2401.00001', '2401.00002'])
    expect(await ids(request(query([[phrase('language', 'model')]])))).toEqual(['2401.00001'])
    expect(await ids(request(query([[word('lang', 'all', true)]])))).toEqual(['2401.00001', '2401.00002', '2401.00003'])
    expect(await ids(request(query([[word('lecun', 'author')]])))).toEqual(['2401.00001'])
    expect(await ids(request(query([[word('lecun', 'abstract')]])))).toEqual(['2401.00002'])
    expect(await ids(request(query([[word('sampling'), word('reason')]])))).toEqual(['2401.00001', '2401.00003'])
    expect(await ids(request(query([[word('lang', 'all', true)]], [word('model')])))).toEqual(['2401.00003'])
    expect(await ids(request(query([[word('lang', 'all', true)]], [], { categories: ['stat'] })))).toEqual([
      '2401.00003',
    ])
  })

  it('never reads a phrase across the end of the title into the authors', async () => {
    await upsertPapers(db, [paper('2401.00001', 'Deep learning', { authors: ['Yann LeCun'] })])
    expect(await ids(request(query([[phrase('learning', 'yann')]])))).toEqual([])
    expect(await ids(request(query([[phrase('deep', 'learning')]])))).toEqual(['2401.00001'])
  })

  it('takes hostile tokens as plain words, never as tsquery or SQL', async () => {
    await upsertPapers(db, [paper('2401.00001', 'Plain title')])
    for (const token of [
      "'",
      "''",
      '\\',
      "\\'",
      ':*',
      'a:*',
      '&',
      '|',
      '!',
      '()',
      "plain' | 'title",
      "x'); drop table papers; --",
      'a b',
    ]) {
      for (const atom of [word(token), word(token, 'title', true), phrase(token, token)]) {
        const result = await postgresEngine(db).search(request(query([[atom]], [atom])))
        expect(result.ranked, JSON.stringify(token)).toEqual([])
      }
    }
    expect(await ids(request(query([[word('plain')]])))).toEqual(['2401.00001'])
  })
})
