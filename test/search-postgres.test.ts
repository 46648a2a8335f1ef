import { parsedQuery, searchRequest } from './support/search-request.js'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { runIngest } from '../src/ingest/pipeline.js'
import { snapshotSource } from '../src/ingest/sources/snapshot.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import pg from 'pg'
import { postgresEngine } from '../src/search/engines/postgres.js'
import { SUCCESSOR_LOCK } from '../src/search/engines/postgres-rebuild.js'
import { prepareDocuments, preparedByPaper } from '../src/search/engines/postgres-document.js'
import type { SearchTables } from '../src/search/engines/postgres-schema.js'
import type { Atom, Field, ParsedQuery, SearchRequest } from '../src/search/model.js'
import { parseQuery } from '../src/search/query.js'
import { createTestDb, DIALECTS, type TestDb } from './support/db.js'
import { DOCUMENT_INDEX_NAMES, documentIndexNames } from './support/postgres-index.js'
import { emptyCatalog, recording } from './support/ingest.js'

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
const query = (groups: Atom[][], excluded: Atom[] = [], more: Partial<ParsedQuery> = {}) =>
  parsedQuery(groups, { excluded, ...more })
const request = searchRequest
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
    await db.kysely.withTables<SearchTables>().deleteFrom('search_candidates').execute()
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

  it('ranks the paper whose title holds all of a remembered title’s words first', async () => {
    // Ranked as an AND, ts_rank scores how close the words stand: the second paper, three words in
    // its title and all four close together twice in its abstract, came first (0.215 against 0.210).
    await upsertPapers(db, [
      paper('2505.23941', 'Vision Language Models are Biased', {
        abstract:
          'We test them on counting, spatial relations, colour naming, optical illusions and chart reading, and report where they fail.',
      }),
      paper('2508.03079', 'Fairness in Large Vision-Language Models', {
        abstract: 'We ask whether vision-language models are biased, and how biased such models are.',
      }),
    ])
    const ranked = await postgresEngine(db).search(request(parseQuery('vision language models biased')))
    expect(ranked.ranked.map((h) => h.id)).toEqual(['2505.23941', '2508.03079'])
  })

  it('finds the papers sharing the most of some weighted terms, by their summed weight', async () => {
    await upsertPapers(db, [
      paper('2401.00001', 'Gamma rays', { abstract: 'Beta decay.' }),
      paper('2401.00002', 'Alpha particles'),
      paper('2401.00003', 'Gamma functions'),
      paper('2401.00004', 'Delta functions'),
    ])
    const terms = [
      { token: 'alpha', weight: 3 },
      { token: 'beta', weight: 1 },
      { token: 'gamma', weight: 1 },
    ]
    expect(await postgresEngine(db).sharing(terms, 10)).toEqual(['2401.00002', '2401.00001', '2401.00003'])
    expect(await postgresEngine(db).sharing(terms, 2)).toEqual(['2401.00002', '2401.00001'])
    expect(await postgresEngine(db).sharing([], 10)).toEqual([])
  })

  it('stores our own tokens, weighted by field, whether a paper is new, changed or rebuilt', async () => {
    const document = async () => {
      const row = await sql<{ document: string; categories: string[]; has_code: boolean; published_at: string }>`
        select document::text as document, categories, has_code, published_at from search_documents`.execute(db.kysely)
      return row.rows[0]
    }
    // New: its document is written from the row the batch wrote. Changed: read back and merged.
    // Rebuilt: read back into a new table. All three are the same binary form.
    const deep = paper('2401.00001', 'Deep models', {
      authors: ['Yann LeCun', 'Ada'],
      abstract: 'Deep nets.',
      categories: ['cs.LG', 'stat.ML'],
      publishedAt: '2024-01-02T03:04:05.678Z',
    })
    const stored = {
      document: "'ada':7B 'deep':1A,9C 'lecun':5B 'model':2A 'net':10C 'yann':4B",
      categories: ['cs.lg', 'cs', 'stat.ml', 'stat'],
      has_code: false,
      published_at: '2024-01-02T03:04:05.678Z',
    }
    await upsertPapers(db, [deep])
    expect(await document()).toEqual(stored)
    await upsertPapers(db, [{ ...deep, title: 'Pre-training élan', githubRepo: 'https://github.com/a/b' }])
    const changed = {
      ...stored,
      document: "'ada':9B 'deep':11C 'elan':3A 'lecun':7B 'net':12C 'pre':1A 'pretraining':4A 'training':2A 'yann':6B",
      has_code: true,
    }
    expect(await document()).toEqual(changed)
    await postgresEngine(db).rebuild()
    expect(await document()).toEqual(changed)
  })

  it('takes a document encoded ahead only for the text it was made of', async () => {
    const foam = paper('2401.00001', 'Quantum foam')
    const dots = paper('2401.00002', 'Quantum dots')
    // Foam's is made of other words, under foam's own text: it is taken as it is. Dots' was made of
    // a title dots is not stored with: it is encoded anew from what is stored.
    const documents = preparedByPaper(
      [foam, { ...dots, title: 'Stale title' }],
      prepareDocuments([
        { ...foam, title: 'Madeahead' },
        { ...dots, title: 'Stale title' },
      ]),
    )
    await upsertPapers(db, [foam, dots], { documents })
    expect(await ids(request(query([[word('madeahead')]])))).toEqual(['2401.00001'])
    expect(await ids(request(query([[word('stale')]])))).toEqual([])
    expect(await ids(request(query([[word('dot')]])))).toEqual(['2401.00002'])
  })

  it('writes from a snapshot the documents its parsing thread encoded, as the writer would', async () => {
    const documents = async () =>
      (
        await sql<{ paper_id: string; document: string }>`select paper_id, document::text as document
          from search_documents order by paper_id`.execute(db.kysely)
      ).rows
    const file = recording('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl')
    await runIngest(db, snapshotSource(), { file }, { trigger: 'manual', feature: false })
    const encodedAhead = await documents()
    expect(encodedAhead).toHaveLength(200)
    // A rebuild reads every paper back and encodes it in the writing thread.
    await postgresEngine(db).rebuild()
    expect(await documents()).toEqual(encodedAhead)
  })

  it('keeps a lexeme’s positions as PostgreSQL’s text input would: at most 256, none past 16383', async () => {
    await upsertPapers(db, [
      paper('2401.00001', 'Long', { authors: [], abstract: `${'w '.repeat(300)}${'x '.repeat(17_000)}zz zz` }),
    ])
    const { rows } = await sql<{ lexeme: string; positions: number[]; weights: string[] }>`
      select lexeme, positions, weights from unnest((select document from search_documents))`.execute(db.kysely)
    const w = rows.find((r) => r.lexeme === 'w')!
    expect(w.positions).toEqual(Array.from({ length: 256 }, (_, i) => i + 3))
    expect(rows.find((r) => r.lexeme === 'zz')).toEqual({ lexeme: 'zz', positions: [16383], weights: ['C'] })
    expect(await ids(request(query([[word('zz')]])))).toEqual(['2401.00001'])
  })

  it('lands a paper of more distinct words than a tsvector holds, its first megabyte searchable', async () => {
    // 40,000 distinct words of 30 letters: 1.2 MB of lexemes, past the 1 MB a tsvector takes.
    const letters = (i: number) => [...i.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('')
    const words = Array.from({ length: 40_000 }, (_, i) => `q${letters(i)}`.padEnd(30, 'x'))
    const result = await upsertPapers(db, [paper('2401.00001', 'Huge', { abstract: words.join(' ') })])
    expect(result).toMatchObject({ added: 1, problems: [] })
    expect(await ids(request(query([[word(words[0]!)]])))).toEqual(['2401.00001'])
    expect(await ids(request(query([[word(words.at(-1)!)]])))).toEqual([])
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

  it('follows a paper through update and delete', async () => {
    await upsertPapers(db, [paper('2401.00001', 'Quantum widgets', { authors: ['Ada Lovelace'] })])
    expect(await ids(request(query([[word('quantum')]])))).toEqual(['2401.00001'])
    await upsertPapers(db, [
      paper('2401.00001', 'Classical gadgets', { authors: ['Grace Hopper'], githubRepo: 'https://github.com/a/b' }),
    ])
    expect(await ids(request(query([[word('quantum')]])))).toEqual([])
    expect(await ids(request(query([[word('lovelace', 'author')]])))).toEqual([])
    expect(await ids(request(query([[word('gadget')]]), { hasCode: true }))).toEqual(['2401.00001'])
    expect(await ids(request(query([[word('hopper', 'author')]])))).toEqual(['2401.00001'])
    await db.kysely.deleteFrom('paper_authors').execute()
    await db.kysely.deleteFrom('papers').where('id', '=', '2401.00001').execute()
    expect(await ids(request(query([[word('gadget')]])))).toEqual([])
    const rows = await db.kysely.withTables<SearchTables>().selectFrom('search_documents').select('paper_id').execute()
    expect(rows).toEqual([])
  })

  it('filters by category or archive, year, day range and code, and counts exactly what matches', async () => {
    await upsertPapers(db, [
      paper('2301.00001', 'Robust graphs', { categories: ['cs.LG', 'stat.ML'], publishedAt: '2023-03-01T00:00:00Z' }),
      paper('2401.00002', 'Robust graphs again', { categories: ['math.CO'], publishedAt: '2024-01-31T23:00:00Z' }),
      paper('2402.00003', 'Robust code', {
        categories: ['cs.CV'],
        publishedAt: '2024-02-01T00:00:00Z',
        githubRepo: 'https://github.com/x/y',
      }),
    ])
    const robust = query([[word('robust')]])
    const search = (r: SearchRequest) => postgresEngine(db).search(r)
    expect(await ids(request({ ...robust, categories: ['CS'] }))).toEqual(['2301.00001', '2402.00003'])
    expect(await ids(request({ ...robust, categories: ['stat.ml', 'math.CO'] }))).toEqual(['2301.00001', '2401.00002'])
    expect(await ids(request({ ...robust, categories: ['cs'] }, { categories: ['cs.CV'] }))).toEqual(['2402.00003'])
    expect(await ids(request({ ...robust, years: { from: 2024, until: 2024 } }))).toEqual(['2401.00002', '2402.00003'])
    expect(await ids(request(robust, { from: '2024-01-01', until: '2024-02-01' }))).toEqual(['2401.00002'])
    expect(await ids(request(robust, { hasCode: true }))).toEqual(['2402.00003'])
    expect((await search(request(robust, { limit: 1 }))).total).toEqual({ value: 3, exact: true })
    expect((await search(request(robust, { sort: 'newest' }))).ranked.map((h) => h.id)).toEqual([
      '2402.00003',
      '2401.00002',
      '2301.00001',
    ])
    // No word to rank by: the filters alone, newest first.
    const browse = await search(request(query([], [word('code')], { categories: ['cs'] })))
    expect(browse.ranked.map((h) => h.id)).toEqual(['2301.00001'])
    expect(browse.total).toEqual({ value: 1, exact: true })
    expect((await search(request(robust, { offset: 5000 }))).ranked).toEqual([])
  })

  it('rebuilds into a new table that takes the old one’s place, indexes, key and cascade included', async () => {
    await upsertPapers(db, [paper('2401.00001', 'Sparse widgets'), paper('2401.00002', 'Dense widgets')])
    await postgresEngine(db, { rankAllLimit: 0 }).search(request(query([[word('widget')]])))
    const progress: number[] = []
    await postgresEngine(db).rebuild((done, total) => progress.push(done, total))
    expect(progress.slice(-2)).toEqual([2, 2])
    expect(await ids(request(query([[word('widget')]])))).toEqual(['2401.00001', '2401.00002'])
    const search = db.kysely.withTables<SearchTables>()
    expect(await search.selectFrom('search_candidates').select('atom').execute()).toEqual([])
    expect(await documentIndexNames(db)).toEqual(DOCUMENT_INDEX_NAMES)
    await db.kysely.deleteFrom('paper_authors').where('paper_id', '=', '2401.00001').execute()
    await db.kysely.deleteFrom('papers').where('id', '=', '2401.00001').execute()
    expect(await ids(request(query([[word('widget')]])))).toEqual(['2401.00002'])
    // A second rebuild finds the names of the first free again.
    await postgresEngine(db).rebuild()
    expect(await ids(request(query([[word('dense')]])))).toEqual(['2401.00002'])
  })

  it('refuses a rebuild while another process fills the successor table, and rebuilds once it is done', async () => {
    await upsertPapers(db, [paper('2401.00001', 'Sparse widgets')])
    const other = new pg.Client({ connectionString: db.url })
    await other.connect()
    try {
      await other.query('select pg_advisory_lock($1)', [SUCCESSOR_LOCK])
      await expect(postgresEngine(db).rebuild()).rejects.toThrow(
        'the search index is being rebuilt or loaded by another process; try again when it ends',
      )
      await other.query('select pg_advisory_unlock($1)', [SUCCESSOR_LOCK])
      await postgresEngine(db).rebuild()
      expect(await ids(request(query([[word('widget')]])))).toEqual(['2401.00001'])
    } finally {
      await other.end()
    }
  })

  describe('candidate lists for broad queries', () => {
    // Every query counts as broad here, so each takes the candidate path on a small catalog.
    const broad = () => postgresEngine(db, { rankAllLimit: 0, candidatesPerAtom: 30 })
    const VOCABULARY = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']
    // The same day and no votes: the boosts move every paper alike, so both paths order by rank alone.
    const corpus = () => {
      let seed = 7
      const pick = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        return VOCABULARY[(seed >>> 16) % VOCABULARY.length]!
      }
      const words = (n: number) => Array.from({ length: n }, pick).join(' ')
      return Array.from({ length: 240 }, (_, i) =>
        paper(`2401.${String(i).padStart(5, '0')}`, words(3), {
          abstract: words(1 + (i % 9)),
          authors: [`Author ${pick()}`],
          categories: [i % 10 === 0 ? 'math.CO' : 'cs.LG'],
        }),
      )
    }
    const top = async (engine: ReturnType<typeof postgresEngine>, r: SearchRequest, exhaustive = false) =>
      (exhaustive ? await engine.exhaustive(r) : await engine.search(r)).ranked.map((h) => h.id)

    it('gives the exhaustive ranking’s first page for words, prefixes, phrases and fields', async () => {
      await upsertPapers(db, corpus())
      for (const q of [
        query([[word('alpha')]]),
        query([[word('gam', 'all', true)]]),
        query([[phrase('beta', 'gamma')]]),
        query([[word('delta', 'title')]]),
        query([[word('alpha')]], [word('epsilon')]),
      ]) {
        const r = request(q, { limit: 10 })
        const expected = await top(broad(), r, true)
        expect(expected.length, JSON.stringify(q.groups)).toBeGreaterThan(0)
        expect(await top(broad(), r), JSON.stringify(q.groups)).toEqual(expected)
        expect((await broad().search(r)).total.exact).toBe(false)
      }
    })

    it('reads only the head of a list when no boost could lift a paper past it into the page', async () => {
      // Dates and votes spread, so the boosts reorder; each list holds every match, so both paths agree.
      const spread = corpus().map((p, i) => ({
        ...p,
        publishedAt: `${2000 + (i % 25)}-06-01T00:00:00.000Z`,
        counts: { upvotes: (i * 37) % 500, numComments: 0 },
      }))
      // Equal text ranks equal: the list holds them by id, and the boosts lift the last ones to the top.
      const alike = Array.from({ length: 100 }, (_, i) =>
        paper(`2403.${String(i).padStart(5, '0')}`, 'Omega study', {
          publishedAt: `${2000 + Math.floor(i / 4)}-06-01T00:00:00.000Z`,
          counts: { upvotes: i * 5, numComments: 0 },
        }),
      )
      await upsertPapers(db, [...spread, ...alike])
      const engine = postgresEngine(db, { rankAllLimit: 0, candidatesPerAtom: 1000 })
      for (const q of [query([[word('alpha')]]), query([[word('omega')]])]) {
        expect((await engine.exhaustive(request(q))).total.value).toBeGreaterThan(60)
        for (const [offset, limit] of [
          [0, 5],
          [5, 5],
          [0, 20],
          [40, 20],
        ] as const) {
          const r = request(q, { offset, limit })
          expect(await top(engine, r), `${offset}+${limit}`).toEqual(await top(engine, r, true))
        }
      }
      expect((await top(engine, request(query([[word('omega')]]), { limit: 1 })))[0]).toBe('2403.00099')
    })

    it('finds a paper written after its lists were built', async () => {
      await upsertPapers(db, corpus())
      const r = request(query([[word('alpha')]]), { limit: 5 })
      await broad().search(r)
      await upsertPapers(db, [paper('2402.00001', 'Alpha alpha alpha', { abstract: 'alpha', authors: ['Alpha'] })])
      expect((await top(broad(), r))[0]).toBe('2402.00001')
      expect(await top(broad(), r)).toEqual(await top(broad(), r, true))
      // A listed paper rewritten without the word leaves, though its stored rank is high.
      const second = (await top(broad(), r))[1]!
      await upsertPapers(db, [paper(second, 'Omega', { abstract: 'omega', authors: ['Omega'] })])
      expect(await top(broad(), r)).not.toContain(second)
      expect(await top(broad(), r)).toEqual(await top(broad(), r, true))
    })

    it('ranks every match when a filter leaves the lists short', async () => {
      await upsertPapers(db, corpus())
      const r = request(query([[word('alpha')]], [], { categories: ['math'] }), { limit: 20 })
      const expected = await top(broad(), r, true)
      expect(expected.length).toBeGreaterThan(5)
      expect(await top(broad(), r)).toEqual(expected)
    })
  })
})
