import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PaperRecord } from '../src/papers/model.js'
import { getPapers } from '../src/papers/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { type RankedPage, searchEngine, searchInWorkers } from '../src/search/engine.js'
import { createSqliteEngine } from '../src/search/engines/sqlite.js'
import { type SearchPool, SearchUnavailable, sqliteSearchPool } from '../src/search/engines/sqlite-pool.js'
import type { ParsedQuery, SearchRequest } from '../src/search/model.js'
import { highlightPaper } from '../src/search/highlight.js'
import { searchHighlighted } from '../src/search/service.js'
import { inRankedOrder } from '../src/search/shown-papers.js'
import { v1ResultsJson } from '../src/search/v1-results.js'
import { createTestDb, type TestDb } from './support/db.js'
import { all, parsedQuery, prefix, searchRequest, word } from './support/search-request.js'

/**
 * `paperboy serve`'s searches on SQLite run in worker threads with read-only connections
 * (src/search/engines/sqlite-pool.ts): they must answer exactly as the engine on the server's own
 * connection does, see the server's writes, and fail a search clearly, never hang, when a worker
 * dies or a search takes too long. SQLite only: PostgreSQL's searches never use the pool.
 */

// Many papers sharing common words with different strengths, as in search.test.ts's candidate path.
const corpus: PaperRecord[] = Array.from({ length: 300 }, (_, i) => ({
  id: `2402.${String(i).padStart(5, '0')}`,
  title: `${i % 3 === 0 ? 'Neural' : 'Graph'} network study ${i}`,
  abstract: `${'network '.repeat(1 + (i % 7))} ${i % 2 === 0 ? 'neural learning' : 'graph learning'} ${'filler '.repeat(i % 11)}`,
  authors: [`Author ${i % 13}`],
  categories: [i % 4 === 0 ? 'cs.LG' : 'cs.AI'],
  publishedAt: `20${String(10 + (i % 15)).padStart(2, '0')}-01-01T00:00:00.000Z`,
}))
const queries: ParsedQuery[] = [
  all('network'),
  all('network', 'learning'),
  all('neural', 'network'),
  all('study', '17'),
  parsedQuery([[word('neural'), word('graph')], [word('network')]]),
  parsedQuery([[word('network')]], { excluded: [word('graph')] }),
  parsedQuery([[prefix('net')]]),
  parsedQuery([[word('network')]], { categories: ['cs.lg'], years: { from: 2015, until: 2020 } }),
  parsedQuery([], { categories: ['cs.lg'] }),
]
const requests: SearchRequest[] = [
  ...queries.flatMap((q) => [
    searchRequest(q),
    searchRequest(q, { offset: 20, limit: 20 }),
    searchRequest(q, { sort: 'newest' }),
  ]),
  // Dates alone, answered by the range's set; and with a category beside them, checked on the rows.
  searchRequest(parsedQuery([[word('network')]], { years: { from: 2013, until: 2018 } })),
  searchRequest(all('network', 'learning'), { from: '2012-06-01', until: '2019-01-01' }),
  searchRequest(all('network'), { from: '2016-01-01', categories: ['cs.lg'] }),
]

/**
 * Two answers agree: the same papers in the same order and the same total, and scores equal but
 * for the boosts' reading of the clock (recency moves by ~1e-9 of a score in a second).
 */
function expectSame(page: RankedPage, expected: RankedPage, what = '') {
  expect({ ids: page.ranked.map((r) => r.id), total: page.total }, what).toEqual({
    ids: expected.ranked.map((r) => r.id),
    total: expected.total,
  })
  for (const [i, r] of page.ranked.entries()) {
    expect(Math.abs(r.score - expected.ranked[i]!.score), what).toBeLessThanOrEqual(1e-6 * Math.abs(r.score))
  }
}

describe('searches in worker threads [sqlite]', () => {
  let db: TestDb
  const pools: SearchPool[] = []
  const path = () => db.url.slice('sqlite:'.length)
  const pool = (options: Partial<Parameters<typeof sqliteSearchPool>[3]> = {}) => {
    const made = sqliteSearchPool(db, path(), searchEngine(db), { size: 2, timeoutMs: 30_000, ...options })
    pools.push(made)
    return made
  }

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await upsertPapers(db, corpus)
  })
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()))
    await db?.drop()
  })

  it('answers every search as the engine on the server’s connection does, on both of its paths', async () => {
    for (const planner of [{}, { cheapCost: 0, listSize: 250 }]) {
      const workers = pool({ planner })
      const local = createSqliteEngine(db, planner)
      // Several at once, so that both workers answer.
      const answers = await Promise.all(requests.map((r) => workers.search(r)))
      for (const [i, r] of requests.entries()) {
        const expected = await local.search(r)
        expectSame(answers[i]!, expected, JSON.stringify(r))
        if (r.offset === 0) expect(answers[i]!.ranked.length, JSON.stringify(r)).toBeGreaterThan(0)
      }
    }
  })

  it('answers with the page’s papers when asked, read and highlighted as on the server’s connection', async () => {
    const workers = pool()
    const r = searchRequest(all('network', 'learning'))
    const plan = { plain: true, summaryChars: 60, authors: true }
    const page = await workers.search(r, { withPapers: true, highlight: plan })
    const ids = page.ranked.map((p) => p.id)
    expect(ids.length).toBeGreaterThan(0)
    const papers = await getPapers(db, ids, { listed: true })
    expect(page.papers).toEqual(papers.map((paper) => ({ paper, highlighted: highlightPaper(paper, r.query, plan) })))
    expect(page.papers![0]!.highlighted!.title.some((s) => s.type === 'highlight')).toBe(true)
    expect((await workers.search(r, { withPapers: true })).papers).toEqual(papers.map((paper) => ({ paper })))
    // Similar papers' candidates need only the ids: nothing more crosses between the threads.
    expect((await workers.search(r)).papers).toBeUndefined()
    // /api/v1/search's results come written, as the server's thread writes them from the papers.
    const v1 = await workers.search(r, { withPapers: true, highlight: plan, v1Results: true })
    expect(v1.papers).toBeUndefined()
    const written = inRankedOrder(v1.ranked, page.papers!).map((s) => ({ ...s, highlighted: s.highlighted! }))
    expect(JSON.parse(v1.v1Results!)).toEqual(JSON.parse(v1ResultsJson(written)))
  })

  it('writes /api/v1/search’s results from what they show of each paper, read by rowid, on every path', async () => {
    // Three authors, the middle one hidden (a claimed profile can hide a name): the results show two, in order.
    await upsertPapers(db, [
      { id: '2402.90001', title: 'Quokka networks', abstract: 'quokka learning', authors: ['Ann A', 'Bo B', 'Cy C'] },
      {
        id: '2402.90002',
        title: 'Quokka graphs',
        abstract: 'quokka',
        authors: ['Di D', 'Ed E'],
        categories: ['cs.LG'],
      },
    ])
    await db.kysely
      .updateTable('paper_authors')
      .set({ hidden: 1 })
      .where('paper_id', '=', '2402.90001')
      .where('position', '=', 1)
      .execute()
    const plan = { plain: true, summaryChars: 60, authors: false }
    for (const planner of [{}, { cheapCost: 0, listSize: 250 }]) {
      const workers = pool({ planner })
      const local = createSqliteEngine(db, planner)
      for (const r of [searchRequest(all('quokka')), ...requests]) {
        const what = JSON.stringify(r)
        const page = await workers.search(r, { withPapers: true, highlight: plan, v1Results: true })
        // Every path of the engine hands the rowids on, so the worker never reads whole papers.
        expect(
          (await local.search(r)).ranked.every((p) => p.rowid !== undefined),
          what,
        ).toBe(true)
        const papers = await getPapers(
          db,
          page.ranked.map((p) => p.id),
          { listed: true },
        )
        const written = inRankedOrder(
          page.ranked,
          papers.map((paper) => ({ paper })),
        ).map((s) => ({
          ...s,
          highlighted: highlightPaper(s.paper, r.query, plan),
        }))
        expect(JSON.parse(page.v1Results!), what).toEqual(JSON.parse(v1ResultsJson(written)))
      }
      const quokka = await workers.search(searchRequest(all('quokka')), {
        withPapers: true,
        highlight: plan,
        v1Results: true,
      })
      const results = JSON.parse(quokka.v1Results!) as { id: string; authors: string[]; categories: string[] }[]
      expect(results.map((p) => [p.id, p.authors, p.categories]).sort()).toEqual([
        ['2402.90001', ['Ann A', 'Cy C'], []],
        ['2402.90002', ['Di D', 'Ed E'], ['cs.LG']],
      ])
    }
  })

  it('keeps a candidate list a worker made, through the server’s connection', async () => {
    const workers = pool({ planner: { cheapCost: 0, listSize: 250 } })
    await workers.search(searchRequest(all('filler')))
    await expect
      .poll(
        async () =>
          (
            await db.kysely
              .selectFrom('search_lists' as never)
              .selectAll()
              .execute()
          ).length,
      )
      .toBeGreaterThan(0)
  })

  it('finds a paper the server wrote after the workers started', async () => {
    const workers = pool()
    expect((await workers.search(searchRequest(all('zeolite')))).ranked).toEqual([])
    await upsertPapers(db, [{ ...corpus[0]!, id: '2402.09999', title: 'Zeolite membranes' }])
    expect((await workers.search(searchRequest(all('zeolite')))).ranked.map((r) => r.id)).toEqual(['2402.09999'])
  })

  it('answers by member sets read before the server changed a paper as the server’s connection does after', async () => {
    // One worker keeps its sets across the write, which another connection commits (data_version).
    const planner = { cheapCost: 0, listSize: 5, commitMarginMs: 0 }
    const workers = pool({ size: 1, planner })
    const r = searchRequest(all('network', 'learning'), { sort: 'newest' })
    // The ids: the estimated total comes from term counts each engine keeps a while.
    const ids = async (engine: { search(r: SearchRequest): Promise<RankedPage> }) =>
      (await engine.search(r)).ranked.map((x) => x.id)
    const same = async () => expect(await ids(workers)).toEqual(await ids(createSqliteEngine(db, planner)))
    await same()
    const newest = (await workers.search(r)).ranked[0]!.id
    const paper = corpus.find((p) => p.id === newest)!
    await upsertPapers(db, [{ ...paper, abstract: 'network only', title: 'Network only' }])
    await same()
    expect((await workers.search(r)).ranked.map((x) => x.id)).not.toContain(newest)
    await upsertPapers(db, [paper])
    await same()
    expect((await workers.search(r)).ranked[0]!.id).toBe(newest)
  })

  it('fails the search of a worker that dies with a 503, and answers the next with a new worker', async () => {
    const workers = pool({ size: 1 })
    const r = searchRequest(all('network', 'learning'))
    const expected = await workers.search(r) // the worker is up
    const [first] = workers.threads()
    // A search of this small corpus can finish in the moment a thread takes to stop (seen under
    // CI's load): such a search is answered, as it should be; ask again until one is lost.
    let error: unknown = null
    for (let attempt = 0; attempt < 5 && !error; attempt++) {
      const [worker] = workers.threads()
      const asked = workers.search(r)
      await worker!.terminate()
      const outcome = await asked.catch((e: unknown) => e)
      if (outcome instanceof Error) error = outcome
      else expectSame(outcome as RankedPage, expected)
    }
    expect(error).toBeInstanceOf(SearchUnavailable)
    expect((error as SearchUnavailable).status).toBe(503)
    expectSame(await workers.search(r), expected)
    expect(workers.threads()[0]).not.toBe(first)
  })

  it('answers an urgent search (a paper page waits on it) before the searches queued ahead of it', async () => {
    const workers = pool({ size: 1 })
    const finished: string[] = []
    const ask = (name: string, urgent = false) =>
      workers.search(searchRequest(all('network', 'learning')), { urgent }).then(() => finished.push(name))
    // Queued while the worker starts, so that all wait together.
    await Promise.all([ask('first'), ask('second'), ask('third'), ask('page', true), ask('next page', true)])
    expect(finished.slice(0, 2)).toEqual(['page', 'next page'])
  })

  it('fails a search that outlasts its time with a 503 instead of waiting on', async () => {
    // The worker cannot have started within a millisecond: the search times out in the queue.
    const workers = pool({ size: 1, timeoutMs: 1 })
    await expect(workers.search(searchRequest(all('network')))).rejects.toBeInstanceOf(SearchUnavailable)
  })

  it('fails searches asked after it closed', async () => {
    const workers = pool({ size: 1 })
    await workers.close()
    await expect(workers.search(searchRequest(all('network')))).rejects.toBeInstanceOf(SearchUnavailable)
  })

  it('serves searchEngine(db) from workers while serve runs them, and from the server’s connection after', async () => {
    const local = searchEngine(db)
    const running = searchInWorkers(db, db.url, { workers: 1, timeoutMs: 30_000, cacheMb: 8 })
    const served = searchEngine(db)
    expect(served).not.toBe(local)
    expectSame(await served.search(searchRequest(all('network'))), await local.search(searchRequest(all('network'))))
    // The papers a worker loaded are the ones the server's connection would have.
    const plan = { plain: false, summaryChars: null, authors: false }
    const inWorkers = await searchHighlighted(db, searchRequest(all('neural', 'network')), plan)
    await running.stop()
    const onServer = await searchHighlighted(db, searchRequest(all('neural', 'network')), plan)
    expect(inWorkers.hits.map(({ paper, highlighted }) => ({ paper, highlighted }))).toEqual(
      onServer.hits.map(({ paper, highlighted }) => ({ paper, highlighted })),
    )
    expect(inWorkers.hits.length).toBeGreaterThan(0)
    expect(searchEngine(db)).toBe(local)
  })

  it('makes the same candidate lists after a rebuild in a thread as in this one', async () => {
    const lists = () =>
      db.kysely
        .selectFrom('search_lists' as never)
        .selectAll()
        .orderBy('key' as never)
        .execute()
    // cheapCost 0: every word of the corpus gets a list.
    await createSqliteEngine(db, { cheapCost: 0, listSize: 250, listThreads: 0 }).rebuild()
    const alone = await lists()
    await createSqliteEngine(db, { cheapCost: 0, listSize: 250, listThreads: 2 }).rebuild()
    const threaded = await lists()
    expect(alone.length).toBeGreaterThan(20)
    expect(threaded).toEqual(alone)
  })

  it('reports the lists as a step of the rebuild after the papers, in papers read, in its own unit', async () => {
    const reports: { done: number; total: number; unit: string }[] = []
    await createSqliteEngine(db, { cheapCost: 0, listSize: 250, listThreads: 2 }).rebuild((done, total, unit) =>
      reports.push({ done, total, unit: unit ?? 'papers' }),
    )
    const papers = reports.filter((r) => r.unit === 'papers')
    const lists = reports.filter((r) => r.unit !== 'papers')
    expect(papers.at(-1)!.done).toBe(papers.at(-1)!.total)
    expect(papers.at(-1)!.total).toBeGreaterThanOrEqual(corpus.length)
    expect(lists.length).toBeGreaterThan(0)
    expect(lists.at(-1)).toEqual({ done: papers.at(-1)!.total, total: papers.at(-1)!.total, unit: lists[0]!.unit })
    expect(reports.indexOf(lists[0]!)).toBeGreaterThan(reports.indexOf(papers.at(-1)!))
  })
})
