import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { runIngest } from '../src/ingest/pipeline.js'
import { arxivApiSource } from '../src/ingest/sources/arxiv-api.js'
import { loadPosition, recentRuns } from '../src/ingest/store.js'
import { getPaper } from '../src/papers/store.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer } from './support/fault-server.js'
import { catalogIds, emptyCatalog, expectPoliteGaps, politeClient, recording, versionRows } from './support/ingest.js'

/** The arXiv API source against recorded Atom feeds, old and current format, and network faults. */
const api = (name: string) => recording(`arxiv-atom-api/${name}`)
const FOUR_IDS = ['2201.13455', '2201.13452', '2201.13453', '2201.13454']
const TESTING_PAGE_1 = api('current-format_search_testing_start0_max10.xml')
const TESTING_PAGE_2 = api('current-format_search_testing_start10_max10.xml')
const EMPTY = api('current-format_id-list_0000.0000_empty.xml')
const VERSIONED = api('current-format_id-list_versioned_2104.12255v1.xml')

/** Entry ids of a recorded feed, without their versions. */
const entryIds = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/<id>http:\/\/arxiv\.org\/abs\/(.+?)v\d+<\/id>/g)].map((m) => m[1]!)

describeEachDatabase('ingest from the arXiv API', (db) => {
  const server = new FaultServer()
  const manual = { trigger: 'manual', feature: false } as const
  const source = (client = politeClient()) => arxivApiSource(client, `${server.url}/api`)
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  it('lands an id list from the current format, skipping the ids arXiv does not know', async () => {
    server.on('/api', { file: api('current-format-2025-11-11_id-list_4-ids-3-nonexistent.xml') })
    const run = await runIngest(db(), source(), { ids: FOUR_IDS }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1, updated: 0, skipped: 0, problems: [] })
    expect(server.requests[0]!.query.get('id_list')).toBe(FOUR_IDS.join(','))
    expect(await catalogIds(db())).toEqual(['2201.13452'])
  })

  it('reads the same paper from the old format, whose unknown ids are empty stub entries', async () => {
    server.on('/api', { file: api('current-format-2025-11-11_id-list_4-ids-3-nonexistent.xml') })
    await runIngest(db(), source(), { ids: FOUR_IDS }, manual)
    const current = (await getPaper(db(), '2201.13452'))!.paper
    await emptyCatalog(db())
    server.on('/api', { file: api('old-format_id-list_4-ids-3-nonexistent.xml') })
    const run = await runIngest(db(), source(), { ids: FOUR_IDS }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1, skipped: 0 })
    const old = (await getPaper(db(), '2201.13452'))!.paper
    expect(old).toMatchObject({
      title: current.title,
      abstract: current.abstract,
      authors: current.authors,
      categories: current.categories,
    })
  })

  it('lands an old-style id', async () => {
    server.on('/api', { file: api('current-format_id-list_old-style_astro-ph-0601001.xml') })
    const run = await runIngest(db(), source(), { ids: ['astro-ph/0601001'] }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1 })
    expect(await catalogIds(db())).toEqual(['astro-ph/0601001'])
  })

  it('pages a search by start until a page comes back empty, each paper once', async () => {
    const byStart = (start: string) => (r: { path: string; query: URLSearchParams }) =>
      r.path === '/api' && r.query.get('start') === start
    server
      .on(byStart('0'), { file: TESTING_PAGE_1 })
      .on(byStart('10'), { file: TESTING_PAGE_2 })
      .on(byStart('20'), { file: EMPTY })
    const run = await runIngest(db(), source(), { query: 'testing' }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 20, updated: 0, skipped: 0 })
    expect(server.requests.map((r) => r.query.get('start'))).toEqual(['0', '10', '20'])
    expect(server.requests.every((r) => r.query.get('search_query') === 'testing')).toBe(true)
    expect(await catalogIds(db())).toEqual([...entryIds(TESTING_PAGE_1), ...entryIds(TESTING_PAGE_2)].sort())
    expect(await loadPosition(db(), 'arxiv-api', 'query:testing')).toBeNull()
    expectPoliteGaps(server.requests)
  })

  it('resumes a search from the stored start after a failure half-way', async () => {
    const byStart = (start: string) => (r: { path: string; query: URLSearchParams }) =>
      r.path === '/api' && r.query.get('start') === start
    server.on(byStart('0'), { file: TESTING_PAGE_1 }).on(byStart('10'), { status: 503 })
    const failed = await runIngest(db(), source(politeClient({ maxRetries: 1 })), { query: 'testing' }, manual)
    expect(failed).toMatchObject({ status: 'failed', added: 10 })
    expect(await loadPosition(db(), 'arxiv-api', 'query:testing')).toBe('10')
    server.reset()
    server.on(byStart('10'), { file: TESTING_PAGE_2 }).on(byStart('20'), { file: EMPTY })
    const resumed = await runIngest(db(), source(), { query: 'testing' }, manual)
    expect(resumed).toMatchObject({ status: 'ok', added: 10, updated: 0 })
    expect(server.requests.map((r) => r.query.get('start'))).toEqual(['10', '20'])
    expect(await catalogIds(db())).toHaveLength(20)
  })

  it("fails the run with arXiv's message when it answers HTTP 400 with an error feed", async () => {
    server.on('/api', { status: 400, file: api('current-format_error_id-list_abc_http400.xml') })
    const run = await runIngest(db(), source(), { ids: ['abc'] }, manual)
    expect(run).toMatchObject({
      status: 'failed',
      added: 0,
      error: 'arXiv API rejected the request: incorrect id format for abc',
    })
    expect(server.requests).toHaveLength(1) // a rejected request is not asked again
    const [recorded] = await recentRuns(db(), 1)
    expect(recorded).toMatchObject({ id: run.runId, status: 'failed', error: run.error })
  })

  it('finishes an empty result as ok with nothing added', async () => {
    server.on('/api', { file: EMPTY })
    expect(await runIngest(db(), source(), { ids: ['0000.0000'] }, manual)).toMatchObject({
      status: 'ok',
      added: 0,
      skipped: 0,
    })
    expect(await catalogIds(db())).toEqual([])
  })

  it('waits as long as a 503 Retry-After says, then lands the feed', async () => {
    const busy = {
      status: 503,
      headers: { 'retry-after': '1', 'content-type': 'text/html' },
      body: '<h1>Retry after 1 seconds</h1>',
    }
    server.on('/api', busy, { file: VERSIONED })
    const run = await runIngest(db(), source(), { ids: ['2104.12255'] }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1 })
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1000 - 1)
  })

  it('fetches again after the connection is reset in the middle of the body', async () => {
    server.on('/api', { file: TESTING_PAGE_1, resetAfterBytes: 4000 }, { file: TESTING_PAGE_1 })
    const run = await runIngest(db(), source(), { ids: entryIds(TESTING_PAGE_1) }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 10, skipped: 0 })
    expect(server.requests).toHaveLength(2)
    expectPoliteGaps(server.requests)
  })

  it('fetches a truncated feed again, and lands nothing from the cut-off copy', async () => {
    const whole = readFileSync(TESTING_PAGE_1, 'utf8')
    server.on('/api', { body: whole.slice(0, whole.length / 2) }, { file: TESTING_PAGE_1 })
    const run = await runIngest(db(), source(), { ids: entryIds(TESTING_PAGE_1) }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 10, updated: 0, skipped: 0 })
    expect(server.requests).toHaveLength(2)
  })

  it('fetches again after a response slower than the timeout', async () => {
    server.on('/api', { file: VERSIONED, delayMs: 600 }, { file: VERSIONED })
    const run = await runIngest(db(), source(politeClient({ timeoutMs: 300 })), { ids: ['2104.12255'] }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1 })
    expect(server.requests).toHaveLength(2)
  })

  it('updates title and abstract to a later version, and keeps the earlier one in paper_versions', async () => {
    server.on('/api', { file: VERSIONED })
    await runIngest(db(), source(), { ids: ['2104.12255'] }, manual)
    const v1 = (await getPaper(db(), '2104.12255'))!.paper
    expect(v1).toMatchObject({ version: 1, title: '0' })
    expect(await versionRows(db(), '2104.12255')).toEqual([
      { version: 1, created_at: '2021-04-20T16:07:14.000Z', title: '0' },
    ])

    const v2 = readFileSync(VERSIONED, 'utf8')
      .replaceAll('2104.12255v1', '2104.12255v2')
      .replace('<title>0</title>', '<title>Zero: the funniest number in cryptography</title>')
      .replace('<updated>2021-04-20T16:07:14Z</updated>', '<updated>2021-05-03T09:00:00Z</updated>')
      .replace('What is the funniest number', 'Revised. What is the funniest number')
    server.on('/api', { body: v2 })
    const run = await runIngest(db(), source(), { ids: ['2104.12255'] }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 0, updated: 1 })
    const paper = (await getPaper(db(), '2104.12255'))!.paper
    expect(paper).toMatchObject({
      version: 2,
      title: 'Zero: the funniest number in cryptography',
      publishedAt: v1.publishedAt,
    })
    expect(paper.abstract).toMatch(/^Revised\. What is the funniest number/)
    // The history is not rewritten: v1 keeps its date (the API dates only v1) and its title.
    expect(await versionRows(db(), '2104.12255')).toContainEqual({
      version: 1,
      created_at: '2021-04-20T16:07:14.000Z',
      title: '0',
    })
  })
})
