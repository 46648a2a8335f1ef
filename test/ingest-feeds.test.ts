import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { runIngest } from '../src/ingest/pipeline.js'
import { arxivRssSource } from '../src/ingest/sources/arxiv-rss.js'
import { hfDailySource } from '../src/ingest/sources/hf-daily.js'
import { loadPosition } from '../src/ingest/store.js'
import { getPaper } from '../src/papers/store.js'
import { describeEachDatabase } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { FaultServer, type Logged } from './support/fault-server.js'
import { catalogIds, emptyCatalog, expectPoliteGaps, featuredRows, politeClient, recording } from './support/ingest.js'
import { recordedDay } from './support/recorded.js'

/** The two daily feeds: arXiv's announcements (rss.arxiv.org) and Hugging Face's daily papers. */
const RSS_DAY = recording('arxiv-rss/rss2_multi-archive_all-20-archives_2024-11-28.xml')
const ANNOUNCED_ON = '2024-11-28'
const CATEGORIES = ['astro-ph', 'cs', 'math']

/** The ids a recorded feed announces, and those it announces as new. */
function announced(file: string): { all: string[]; new: string[] } {
  const items = [...readFileSync(file, 'utf8').matchAll(/<item>[\s\S]*?<\/item>/g)].map((m) => ({
    id: /<guid[^>]*>oai:arXiv\.org:(.+?)v\d+<\/guid>/.exec(m[0])![1]!,
    type: /<arxiv:announce_type>(.+?)<\/arxiv:announce_type>/.exec(m[0])![1]!,
  }))
  return {
    all: items.map((i) => i.id).sort(),
    new: items
      .filter((i) => i.type === 'new')
      .map((i) => i.id)
      .sort(),
  }
}

describeEachDatabase('ingest from the arXiv RSS feed', (db) => {
  const server = new FaultServer()
  const source = () => arxivRssSource(politeClient(), server.url)
  const request = { categories: CATEGORIES }
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  it('lands all 1504 announcements of a day, featuring none unless asked to', async () => {
    server.on('/rss/astro-ph+cs+math', { file: RSS_DAY })
    const run = await runIngest(db(), source(), request, { trigger: 'manual', feature: false })
    expect(run).toMatchObject({ status: 'ok', added: 1504, updated: 0, skipped: 0 })
    expect(await catalogIds(db())).toEqual(announced(RSS_DAY).all)
    expect(await featuredRows(db())).toEqual([])
  })

  it('features the new papers, and only those, on the announcement day when asked to', async () => {
    server.on('/rss/astro-ph+cs+math', { file: RSS_DAY })
    const run = await runIngest(db(), source(), request, { trigger: 'manual', feature: true })
    expect(run).toMatchObject({ status: 'ok', added: 1504 })
    const featured = await featuredRows(db())
    expect(featured.map((f) => f.paper_id)).toEqual(announced(RSS_DAY).new)
    expect(featured.every((f) => f.featured_on === ANNOUNCED_ON && f.source === 'arxiv')).toBe(true)
    expect(featured).toHaveLength(926)
  })

  it('changes nothing when the same day is polled again', async () => {
    server.on('/rss/astro-ph+cs+math', { file: RSS_DAY })
    await runIngest(db(), source(), request, { trigger: 'schedule', feature: true })
    const featured = await db().kysely.selectFrom('featured').selectAll().orderBy('paper_id').execute()
    const again = await runIngest(db(), source(), request, { trigger: 'schedule', feature: true })
    expect(again).toMatchObject({ status: 'ok', added: 0, updated: 0, unchanged: 1504 })
    expect(await db().kysely.selectFrom('featured').selectAll().orderBy('paper_id').execute()).toEqual(featured)
  })

  it("fails the run with arXiv's message for a bad archive", async () => {
    server.on('/rss/astroph', { file: recording('arxiv-rss/rss2_error_bad-archive-astroph_2024-11-28.xml') })
    const run = await runIngest(db(), source(), { categories: ['astroph'] }, { trigger: 'manual', feature: true })
    expect(run).toMatchObject({ status: 'failed', added: 0 })
    expect(run.error).toMatch(/^arXiv RSS: Bad archive 'astroph'\. Valid archive names are: astro-ph, /)
  })

  it('fails a truncated feed, landing none of it, and lands the whole one on the next run', async () => {
    const whole = readFileSync(RSS_DAY)
    server.on('/rss/astro-ph+cs+math', { body: whole.subarray(0, whole.length / 2) }, { body: whole })
    const cut = await runIngest(db(), source(), request, { trigger: 'manual', feature: true })
    expect(cut).toMatchObject({ status: 'failed', added: 0 })
    expect(cut.error).toMatch(/^arXiv RSS: /)
    expect(await catalogIds(db())).toEqual([])
    expect(await runIngest(db(), source(), request, { trigger: 'manual', feature: true })).toMatchObject({
      status: 'ok',
      added: 1504,
    })
  })

  it('finishes an empty feed (a day without announcements) as ok with nothing added', async () => {
    server.on('/rss/test', { file: recording('arxiv-rss/rss2_test-archive_empty_2024-11-28.xml') })
    const run = await runIngest(db(), source(), { categories: ['test'] }, { trigger: 'manual', feature: true })
    expect(run).toMatchObject({ status: 'ok', added: 0, skipped: 0, error: null })
  })
})

const DAYS = ['2025-03-17', '2025-03-18', '2025-03-19']

describeEachDatabase('ingest from Hugging Face daily papers', (db) => {
  const server = new FaultServer()
  const source = (client = politeClient()) => hfDailySource(client, server.url)
  const request = { from: DAYS[0], until: DAYS[2] }
  const featuring = { trigger: 'schedule', feature: true } as const
  const forDay = (day: string) => (r: Logged) => r.path === '/api/daily_papers' && r.query.get('date') === day
  const serveDay = (day: string, body?: string) =>
    server.on(
      forDay(day),
      body ? { body, headers: { 'content-type': 'application/json' } } : { file: join(HF_DAILY_DIR, `${day}.json`) },
    )
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  it('lands each recorded day, featured on its day, one request a day, politely', async () => {
    for (const day of DAYS) serveDay(day)
    const run = await runIngest(db(), source(), request, featuring)
    const items = DAYS.flatMap((day) => recordedDay(day))
    expect(run).toMatchObject({ status: 'ok', added: items.length, skipped: 0 })
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual(
      DAYS.map((date) => ({ date, limit: '100', p: '0' })),
    )
    expectPoliteGaps(server.requests)
    const expected = items.map((i) => ({
      paper_id: i.paper.id,
      featured_on: i.paper.submittedOnDailyAt.slice(0, 10),
      source: 'hf',
    }))
    expect(await featuredRows(db())).toEqual(expected.sort((a, b) => a.paper_id.localeCompare(b.paper_id)))
  })

  it('updates the counts from a later poll, observed at the time of the poll', async () => {
    for (const day of DAYS) serveDay(day)
    await runIngest(db(), source(), request, featuring)
    const items = recordedDay(DAYS[0]!)
    const moved = items.map((i) => ({
      ...i,
      numComments: i.numComments + 2,
      paper: { ...i.paper, upvotes: i.paper.upvotes + 7 },
    }))
    serveDay(DAYS[0]!, JSON.stringify(moved))
    const polledFrom = new Date().toISOString()
    const run = await runIngest(db(), source(), { date: DAYS[0] }, featuring)
    const polledUntil = new Date().toISOString()
    expect(run).toMatchObject({ status: 'ok', added: 0, updated: items.length, unchanged: 0 })
    for (const item of items) {
      expect((await getPaper(db(), item.paper.id))!.paper).toMatchObject({
        upvotes: item.paper.upvotes + 7,
        numComments: item.numComments + 2,
      })
    }
    const observed = await db()
      .kysely.selectFrom('papers')
      .select('observed_at')
      .where('id', '=', items[0]!.paper.id)
      .executeTakeFirstOrThrow()
    expect(observed.observed_at! >= polledFrom && observed.observed_at! <= polledUntil).toBe(true)
  })

  it('reports a malformed item with its reason and lands the rest of the day', async () => {
    const items = recordedDay(DAYS[0]!)
    const broken = { ...items[0]!, paper: { ...items[0]!.paper, id: 'not-an-id' } }
    const untitled = { ...items[1]!, paper: { ...items[1]!.paper, id: '2503.99999', title: ' ' } }
    serveDay(DAYS[0]!, JSON.stringify([...items.slice(2), broken, untitled]))
    const run = await runIngest(db(), source(), { date: DAYS[0] }, featuring)
    const problems = [
      { where: `${DAYS[0]} item ${items.length - 2}`, reason: 'paper.id: not an arXiv id' },
      { where: `${DAYS[0]} item ${items.length - 1}`, reason: 'paper.title: empty title' },
    ]
    expect(run).toMatchObject({ status: 'ok', added: items.length - 2, skipped: 2, problems })
    expect(await catalogIds(db())).toEqual(
      items
        .slice(2)
        .map((i) => i.paper.id)
        .sort(),
    )
  })

  it('reports an item whose bytes are not UTF-8, and keeps the clean copy stored', async () => {
    serveDay(DAYS[0]!)
    await runIngest(db(), source(), { date: DAYS[0] }, featuring)
    const items = recordedDay(DAYS[0]!)
    const clean = (await getPaper(db(), items[0]!.paper.id))!.paper
    const bytes = Buffer.from(JSON.stringify(items))
    bytes[bytes.indexOf(`"title":"${items[0]!.paper.title.slice(0, 10)}`) + 11] = 0xff
    server.on(forDay(DAYS[0]!), { body: bytes, headers: { 'content-type': 'application/json' } })
    const run = await runIngest(db(), source(), { date: DAYS[0] }, featuring)
    expect(run).toMatchObject({ status: 'ok', skipped: 1 })
    expect(run.problems).toEqual([
      { where: `${DAYS[0]} item 0`, reason: 'text holds U+FFFD: the bytes were not UTF-8' },
    ])
    expect((await getPaper(db(), items[0]!.paper.id))!.paper.title).toBe(clean.title)
  })

  it('resumes a range after the last day that landed', async () => {
    serveDay(DAYS[0]!)
    server.on(forDay(DAYS[1]!), { status: 503 })
    const failed = await runIngest(db(), source(politeClient({ maxRetries: 1 })), request, featuring)
    expect(failed).toMatchObject({ status: 'failed', added: recordedDay(DAYS[0]!).length })
    expect(await loadPosition(db(), 'hf-daily', DAYS.join('..'))).toBe(DAYS[0])
    server.reset()
    for (const day of DAYS) serveDay(day)
    const resumed = await runIngest(db(), source(), request, featuring)
    expect(resumed).toMatchObject({
      status: 'ok',
      added: recordedDay(DAYS[1]!).length + recordedDay(DAYS[2]!).length,
      updated: 0,
    })
    expect(server.requests.map((r) => r.query.get('date'))).toEqual(DAYS.slice(1))
  })

  it('fails the run on a response that is not JSON', async () => {
    server.on(forDay(DAYS[0]!), { body: '<html><body>Bad gateway</body></html>' })
    const run = await runIngest(db(), source(), { date: DAYS[0] }, featuring)
    expect(run).toMatchObject({
      status: 'failed',
      error: `Hugging Face sent a response for ${DAYS[0]} that is not JSON`,
    })
  })
})
