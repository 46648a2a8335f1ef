import { readFileSync } from 'node:fs'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { runIngest } from '../src/ingest/pipeline.js'
import { oaiSet, scheduledRequests } from '../src/ingest/schedule.js'
import { loadIngestSettings } from '../src/ingest/settings.js'
import { arxivApiSource } from '../src/ingest/sources/arxiv-api.js'
import type { PaperSource } from '../src/ingest/source.js'
import { PROBLEMS_KEPT, recentRuns } from '../src/ingest/store.js'
import { acquireLease } from '../src/platform/jobs/lease.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer } from './support/fault-server.js'
import { textOf } from './support/html.js'
import { emptyCatalog, expectPoliteGaps, MIN_INTERVAL_MS, politeClient, recording } from './support/ingest.js'

/** What the ingest keeps about itself: run records, the status page, leases, the schedule. */
const api = (name: string) => recording(`arxiv-atom-api/${name}`)
const REJECTED = 'arXiv API rejected the request: incorrect id format for abc'
const ADMIN_TOKEN = 'an-admin-token-of-some-length'
const config = loadConfig({ BASE_URL: 'https://papers.example.org', LOG_LEVEL: 'silent', ADMIN_TOKEN })
const asAdmin = { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }
const ingest = loadIngestSettings({ INGEST_CATEGORIES: 'cs.LG,cs.CL,hep-th,stat.ML' })

describeEachDatabase('ingest runs', (db) => {
  const server = new FaultServer()
  const source = (client = politeClient()) => arxivApiSource(client, `${server.url}/api`)
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  it('records each run with its counts, problems and error, newest first', async () => {
    server.on((r) => r.query.get('id_list') === '2104.12255', {
      file: api('current-format_id-list_versioned_2104.12255v1.xml'),
    })
    server.on((r) => r.query.get('id_list') === 'abc', {
      status: 400,
      file: api('current-format_error_id-list_abc_http400.xml'),
    })
    const ok = await runIngest(db(), source(), { ids: ['2104.12255'] }, { trigger: 'manual', feature: false })
    const again = await runIngest(db(), source(), { ids: ['2104.12255'] }, { trigger: 'schedule', feature: false })
    const failed = await runIngest(db(), source(), { ids: ['abc'] }, { trigger: 'manual', feature: false })
    const runs = await recentRuns(db(), 10)
    expect(runs.map((r) => r.id)).toEqual([failed.runId, again.runId, ok.runId])
    expect(runs[2]).toMatchObject({
      source: 'arxiv-api',
      scope: 'ids:2104.12255',
      trigger: 'manual',
      status: 'ok',
      added: 1,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      error: null,
      problems: [],
    })
    expect(runs[1]).toMatchObject({ trigger: 'schedule', status: 'ok', added: 0, unchanged: 1 })
    expect(runs[0]).toMatchObject({ scope: 'ids:abc', status: 'failed', failed: 1, error: REJECTED })
    for (const run of runs) expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt))
  })

  it('keeps the first problems of a run, however many records it skips, and counts them all', async () => {
    const batches = 5
    const perBatch = PROBLEMS_KEPT
    // A source whose every record is bad, as a damaged file's would be.
    const damaged: PaperSource = {
      name: 'snapshot',
      scope: () => 'damaged',
      async *batches() {
        for (let b = 0; b < batches; b++) {
          const problems = Array.from({ length: perBatch }, (_, i) => ({
            where: `line ${b * perBatch + i + 1}`,
            reason: 'not JSON',
          }))
          yield { records: [], problems }
        }
      },
    }
    const run = await runIngest(db(), damaged, {}, { trigger: 'manual', feature: false })
    expect(run).toMatchObject({ status: 'ok', skipped: batches * perBatch })
    expect(run.problems).toHaveLength(PROBLEMS_KEPT)
    expect(run.problems[0]).toEqual({ where: 'line 1', reason: 'not JSON' })
    expect(run.problems.at(-1)!.where).toBe(`line ${PROBLEMS_KEPT}`)
    const [stored] = await recentRuns(db(), 1)
    expect(stored).toMatchObject({ id: run.runId, skipped: batches * perBatch })
    expect(stored!.problems).toEqual(run.problems)
  })

  it('records a request the source cannot take as a failed run', async () => {
    const run = await runIngest(db(), source(), {}, { trigger: 'manual', feature: false })
    expect(run).toMatchObject({ status: 'failed', error: 'arxiv-api needs --ids or --query (or --category)' })
    expect((await recentRuns(db(), 1))[0]).toMatchObject({ id: run.runId, scope: '', status: 'failed', failed: 1 })
  })

  it('lists the runs on /admin/ingest', async () => {
    const app = createApp({ config, db: db(), logger: pino({ level: 'silent' }) })
    expect(textOf(await (await app.request('/admin/ingest', asAdmin)).text())).toMatch(/No ingest has run yet/)
    server.on('/api', { file: api('current-format_id-list_versioned_2104.12255v1.xml') })
    const ok = await runIngest(db(), source(), { ids: ['2104.12255'] }, { trigger: 'schedule', feature: false })
    server.on('/api', { status: 400, file: api('current-format_error_id-list_abc_http400.xml') })
    const failed = await runIngest(db(), source(), { ids: ['abc'] }, { trigger: 'manual', feature: false })
    const res = await app.request('/admin/ingest', asAdmin)
    expect(res.status).toBe(200)
    const text = textOf(await res.text())
    expect(text).toContain(`#${ok.runId} arxiv-api · ids:2104.12255 · schedule`)
    expect(text).toMatch(new RegExp(`#${failed.runId} arxiv-api · ids:abc · manual .* failed 0 0 0 ${REJECTED}`))
    expect(text.indexOf(`#${failed.runId} `)).toBeLessThan(text.indexOf(`#${ok.runId} `))
  })

  it('keeps the politeness delay between every request of a run, retries and faults included', async () => {
    const byStart = (start: string) => (r: { query: URLSearchParams }) => r.query.get('start') === start
    server.on(
      byStart('0'),
      { status: 503 },
      { file: api('current-format_search_testing_start0_max10.xml'), delayMs: 150 },
    )
    const page2 = api('current-format_search_testing_start10_max10.xml')
    server.on(byStart('10'), { file: page2, resetAfterBytes: 3000 }, { status: 502 }, { file: page2 })
    server.on(byStart('20'), { file: api('current-format_id-list_0000.0000_empty.xml') })
    // Backoff (20 ms) is shorter than the delay: a retry still waits its turn.
    const client = politeClient({ backoffBaseMs: 20, maxRetries: 3 })
    const run = await runIngest(db(), source(client), { query: 'testing' }, { trigger: 'manual', feature: false })
    expect(run).toMatchObject({ status: 'ok', added: 20 })
    expect(server.requests).toHaveLength(6)
    expectPoliteGaps(server.requests, MIN_INTERVAL_MS)
  })
})

describeEachDatabase('leases', (db) => {
  const SLOT = 'ingest:arxiv-rss@2026-03-04T01:30:00.000Z'

  it('lets exactly one of several racing holders take a slot', async () => {
    const won = await Promise.all(
      Array.from({ length: 8 }, (_, i) => acquireLease(db(), SLOT, `instance-${i}`, 60_000)),
    )
    expect(won.filter(Boolean)).toHaveLength(1)
    const winner = `instance-${won.indexOf(true)}`
    expect(await acquireLease(db(), SLOT, winner, 60_000)).toBe(true) // its own lease, renewed
    expect(await acquireLease(db(), SLOT, 'latecomer', 60_000)).toBe(false)
  })

  it('leaves a different slot free', async () => {
    expect(await acquireLease(db(), 'ingest:arxiv-rss@2026-03-04T07:30:00.000Z', 'latecomer', 60_000)).toBe(true)
    expect(await acquireLease(db(), 'ingest:hf-daily@2026-03-04T01:30:00.000Z', 'latecomer', 60_000)).toBe(true)
  })

  it('lets another holder take a lease that has expired', async () => {
    const slot = 'ingest:arxiv-oai@2026-03-04T01:30:00.000Z'
    expect(await acquireLease(db(), slot, 'crashed', 50)).toBe(true)
    expect(await acquireLease(db(), slot, 'successor', 60_000)).toBe(false)
    await new Promise((r) => setTimeout(r, 80))
    expect(await acquireLease(db(), slot, 'successor', 60_000)).toBe(true)
    expect(await acquireLease(db(), slot, 'crashed', 60_000)).toBe(false)
  })
})

describe('the ingest schedule', () => {
  const now = Date.parse('2026-03-04T01:30:00Z')

  it('asks each source for the latest days of the configured categories', () => {
    const categories = ['cs.LG', 'cs.CL', 'hep-th', 'stat.ML']
    expect(scheduledRequests('arxiv-rss', ingest, now)).toEqual([{ categories }])
    expect(scheduledRequests('hf-daily', ingest, now)).toEqual([{ from: '2026-03-03', until: '2026-03-04' }])
    expect(scheduledRequests('arxiv-oai', ingest, now)).toEqual(
      ['cs', 'physics:hep-th', 'stat'].map((set) => ({ set, from: '2026-03-02', until: '2026-03-04' })),
    )
    expect(scheduledRequests('arxiv-api', ingest, now)).toEqual([
      {
        query: '(cat:cs.LG OR cat:cs.CL OR cat:hep-th OR cat:stat.ML) AND submittedDate:[202603020000 TO 202603042359]',
      },
    ])
    expect(scheduledRequests('snapshot', ingest, now)).toEqual([])
  })

  it("maps categories to sets that arXiv's ListSets names", () => {
    const sets = [
      ...readFileSync(recording('arxiv-oai/old-oai2_ListSets.xml'), 'utf8').matchAll(/<setSpec>(.+?)<\/setSpec>/g),
    ].map((m) => m[1])
    const cases = {
      'cs.LG': 'cs',
      'math.AG': 'math',
      'stat.ML': 'stat',
      'q-bio.NC': 'q-bio',
      'q-fin.ST': 'q-fin',
      'econ.EM': 'econ',
      'eess.SP': 'eess',
      'hep-th': 'physics:hep-th',
      'astro-ph.GA': 'physics:astro-ph',
      'quant-ph': 'physics:quant-ph',
      'math-ph': 'physics:math-ph',
      'nlin.CD': 'physics:nlin',
      'physics.optics': 'physics:physics',
      'cond-mat.str-el': 'physics:cond-mat',
    }
    for (const [category, set] of Object.entries(cases)) {
      expect(oaiSet(category), category).toBe(set)
      expect(sets, category).toContain(set)
    }
  })
})
