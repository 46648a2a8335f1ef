import { readFileSync } from 'node:fs'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { startMissingFieldsCompletion } from '../src/ingest/missing-fields.js'
import { parseArxivAtom } from '../src/ingest/parse/arxiv-atom.js'
import { runIngest } from '../src/ingest/pipeline.js'
import { arxivMissingSource } from '../src/ingest/sources/arxiv-missing.js'
import { getPaper } from '../src/papers/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer } from './support/fault-server.js'
import { emptyCatalog, expectPoliteGaps, politeClient, recording } from './support/ingest.js'

/**
 * Completing papers that lack authors, categories or dates from the arXiv API. The demo set's ids
 * are not among the recordings, so the catalog here holds the 100 papers of a recorded feed, bare
 * as the demo's are, and the server answers with that recorded feed.
 */
const FEED = recording('arxiv-atom-api/current-format_search_testing_start0_max100.xml')
const EMPTY = recording('arxiv-atom-api/current-format_id-list_0000.0000_empty.xml')
const RECORDED = parseArxivAtom(readFileSync(FEED, 'utf8')).records
const UNKNOWN = 'solv-int/9901001' // sorts after every recorded id, so it is asked about on its own
const LOCAL = 'local-a-paper-without-an-arxiv-id'
const COMPLETE = {
  id: '2401.00001',
  title: 'Complete already',
  authors: ['Ann Author'],
  categories: ['cs.LG'],
  publishedAt: '2024-01-01T00:00:00.000Z',
}
const HF_LIKE = RECORDED[0]!

describeEachDatabase('completing papers from the arXiv API', (db) => {
  const server = new FaultServer()
  const manual = { trigger: 'manual', feature: false } as const
  const source = (url = `${server.url}/api`) => arxivMissingSource(db(), politeClient({ maxRetries: 0 }), url)
  const askedIds = () => server.requests.map((r) => r.query.get('id_list')!.split(','))
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
    // Bare, as the 31 demo papers without authors are; one as Hugging Face has it, without categories.
    await upsertPapers(db(), [
      ...RECORDED.slice(1).map((r) => ({ id: r.id, title: r.title })),
      {
        id: HF_LIKE.id,
        title: 'The title as Hugging Face has it',
        abstract: 'Its abstract.',
        authors: ['Hf Author'],
        publishedAt: '2022-02-24T00:00:00.000Z',
      },
      { id: UNKNOWN, title: 'A paper arXiv does not return' },
      { id: LOCAL, title: 'A paper without an arXiv id' },
      COMPLETE,
    ])
  })

  it('fills in authors, categories and dates, a hundred ids per request, politely, and reports ids arXiv does not know', async () => {
    server.on('/api', { file: FEED }, { file: EMPTY })
    const run = await runIngest(db(), source(), {}, manual)
    expect(run).toMatchObject({ status: 'ok', added: 0, updated: RECORDED.length, skipped: 1 })
    expect(run.problems).toEqual([{ where: UNKNOWN, reason: 'arXiv returned no paper for this id' }])

    const asked = askedIds()
    expect(asked.map((ids) => ids.length)).toEqual([100, 1])
    expect(asked[0]!.sort()).toEqual(RECORDED.map((r) => r.id).sort())
    expect(asked[1]).toEqual([UNKNOWN])
    expectPoliteGaps(server.requests)

    for (const want of RECORDED.slice(1)) {
      const { paper } = (await getPaper(db(), want.id))!
      expect(
        paper.authors.map((a) => a.name),
        want.id,
      ).toEqual(want.authors)
      expect(paper.categories, want.id).toEqual(want.categories)
      expect(paper.publishedAt, want.id).toBe(want.publishedAt)
      expect(paper.abstract, want.id).toBe(want.abstract)
    }
  })

  it('only fills gaps: what the catalog already shows stays as it is', async () => {
    server.on('/api', { file: FEED }, { file: EMPTY })
    await runIngest(db(), source(), {}, manual)
    const { paper } = (await getPaper(db(), HF_LIKE.id))!
    expect(paper).toMatchObject({
      title: 'The title as Hugging Face has it',
      abstract: 'Its abstract.',
      authors: [{ name: 'Hf Author', hidden: false }],
      publishedAt: '2022-02-24T00:00:00.000Z',
      categories: HF_LIKE.categories,
    })
    expect((await getPaper(db(), COMPLETE.id))!.paper.title).toBe(COMPLETE.title)
  })

  it('asks again only about what is still missing', async () => {
    server.on('/api', { file: FEED }, { file: EMPTY })
    await runIngest(db(), source(), {}, manual)
    server.reset()
    server.on('/api', { file: EMPTY })
    expect(await runIngest(db(), source(), {}, manual)).toMatchObject({ status: 'ok', updated: 0, skipped: 1 })
    expect(askedIds()).toEqual([[UNKNOWN]])
  })

  it('runs in the background for serve, logging what it completed', async () => {
    server.on('/api', { file: FEED }, { file: EMPTY })
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) })
    const job = startMissingFieldsCompletion(db(), source(), logger, { everyMs: 60_000, retryMs: 60_000 })
    try {
      await expect.poll(() => lines, { timeout: 10_000 }).toHaveLength(1)
      expect(lines[0]).toMatch(/^completed 100 papers from arXiv \(run \d+\)$/)
      expect((await getPaper(db(), RECORDED[1]!.id))!.paper.authors.length).toBeGreaterThan(0)
    } finally {
      job.stop()
    }
  })

  it('offline, changes nothing and logs one line', async () => {
    const before = await db().kysely.selectFrom('papers').selectAll().orderBy('id').execute()
    const lines: { level: number; msg: string }[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) })
    const job = startMissingFieldsCompletion(db(), source('http://127.0.0.1:1/api'), logger, {
      everyMs: 60_000,
      retryMs: 60_000,
    })
    try {
      await expect.poll(() => lines, { timeout: 10_000 }).toHaveLength(1)
      expect(lines[0]!.level).toBe(40) // warn: the site works on, without the completion
      expect(lines[0]!.msg).toMatch(/^completing papers from arXiv failed \(run \d+\): .*; trying again in 1 min$/)
      expect(lines[0]!.msg).not.toMatch(/\n|\bat /)
      expect(await db().kysely.selectFrom('papers').selectAll().orderBy('id').execute()).toEqual(before)
    } finally {
      job.stop()
    }
  })
})
