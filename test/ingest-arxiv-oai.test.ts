import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { runIngest } from '../src/ingest/pipeline.js'
import { arxivOaiSource } from '../src/ingest/sources/arxiv-oai.js'
import { loadPosition, recentRuns, savePosition } from '../src/ingest/store.js'
import { getPaper } from '../src/papers/store.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer, type Logged } from './support/fault-server.js'
import { catalogIds, emptyCatalog, expectPoliteGaps, politeClient, recording, versionRows } from './support/ingest.js'

/**
 * The OAI-PMH source harvesting a resumption chain. Only single pages were ever recorded, so the
 * chain is built from the recorded ListRecords page: its two records, renumbered for pages 2 and
 * 3, with the old service's token (`cursor`, `completeListSize`, as the recorded oai_dc page has
 * it), the current service's (`expires`) and the empty token that ends a list.
 */
const LIST_RECORDS = readFileSync(
  recording('arxiv-oai/old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03.xml'),
  'utf8',
)
const BUSY_503 = recording(
  'arxiv-oai/old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03_first-try_503-Retry-After.html',
)
const RECORDED = [...LIST_RECORDS.matchAll(/<record>[\s\S]*?<\/record>/g)].map((m) => m[0]) // 1412.8544, hep-th/9504118
const HEAD = LIST_RECORDS.slice(0, LIST_RECORDS.indexOf('<record>'))
const TAIL = LIST_RECORDS.slice(LIST_RECORDS.lastIndexOf('</record>') + '</record>'.length)

const OLD_TOKEN = '6960524|1001'
const NEW_TOKEN = 'cs|2015-01-01|2015-01-03|4'
const PAGE_1 = page(RECORDED, `<resumptionToken cursor="0" completeListSize="6">${OLD_TOKEN}</resumptionToken>`)
const PAGE_2 = page(
  renumbered(['1412.8601', 'hep-th/9504201']),
  `<resumptionToken expires='2099-01-01T00:00:00Z'>${NEW_TOKEN}</resumptionToken>`,
)
const PAGE_3 = page(renumbered(['1412.8602', 'hep-th/9504202']), '<resumptionToken/>')
const ALL_IDS = ['1412.8544', '1412.8601', '1412.8602', 'hep-th/9504118', 'hep-th/9504201', 'hep-th/9504202']

const REQUEST = { set: 'cs', from: '2015-01-01', until: '2015-01-03' }
const SCOPE = 'cs 2015-01-01..2015-01-03'

function page(records: string[], token = ''): string {
  return `${HEAD}${records.join('\n')}\n${token}${TAIL}`
}

/** The recorded records under other ids. */
function renumbered(ids: string[]): string[] {
  return RECORDED.map((record, i) => {
    const id = /<identifier>oai:arXiv\.org:(.+?)<\/identifier>/.exec(record)![1]!
    return record.replaceAll(id, ids[i]!)
  })
}

function oaiError(code: string, message: string): string {
  return `${HEAD.slice(0, HEAD.indexOf('<ListRecords>'))}<error code='${code}'>${message}</error>\n</OAI-PMH>\n`
}

const fresh = (r: Logged) => r.path === '/oai' && !r.query.has('resumptionToken')
const withToken = (token: string) => (r: Logged) => r.path === '/oai' && r.query.get('resumptionToken') === token

describeEachDatabase('ingest from arXiv OAI-PMH', (db) => {
  const server = new FaultServer()
  const manual = { trigger: 'manual', feature: false } as const
  const source = (client = politeClient()) => arxivOaiSource(client, `${server.url}/oai`)
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  const serveChain = () =>
    server
      .on(fresh, { body: PAGE_1 })
      .on(withToken(OLD_TOKEN), { body: PAGE_2 })
      .on(withToken(NEW_TOKEN), { body: PAGE_3 })

  it('follows the resumption chain to its empty token, politely, each record once', async () => {
    serveChain()
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 6, updated: 0, skipped: 0 })
    expect(await catalogIds(db())).toEqual(ALL_IDS)
    const [first, ...resumed] = server.requests
    expect(Object.fromEntries(first!.query)).toEqual({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', ...REQUEST })
    // A resumed list passes only the verb and the token (OAI-PMH 2.0 §3.5).
    expect(resumed.map((r) => Object.fromEntries(r.query))).toEqual([
      { verb: 'ListRecords', resumptionToken: OLD_TOKEN },
      { verb: 'ListRecords', resumptionToken: NEW_TOKEN },
    ])
    expectPoliteGaps(server.requests)
    expect(await loadPosition(db(), 'arxiv-oai', SCOPE)).toBeNull()
  })

  it('resumes a chain interrupted half-way from the stored token, losing and repeating nothing', async () => {
    server.on(fresh, { body: PAGE_1 }).on(withToken(OLD_TOKEN), { status: 503 })
    const failed = await runIngest(db(), source(politeClient({ maxRetries: 1 })), REQUEST, manual)
    expect(failed).toMatchObject({ status: 'failed', added: 2, failed: 1 })
    expect(failed.error).toMatch(/HTTP 503 .* after 2 attempts/)
    expect(await loadPosition(db(), 'arxiv-oai', SCOPE)).toBe(JSON.stringify({ token: OLD_TOKEN }))

    server.reset()
    serveChain()
    const resumed = await runIngest(db(), source(), REQUEST, manual)
    expect(resumed).toMatchObject({ status: 'ok', added: 4, updated: 0, unchanged: 0 })
    expect(server.requests.map((r) => r.query.get('resumptionToken'))).toEqual([OLD_TOKEN, NEW_TOKEN])
    expect(await catalogIds(db())).toEqual(ALL_IDS)
    expect(await loadPosition(db(), 'arxiv-oai', SCOPE)).toBeNull()
  })

  it('fetches a page again after the connection is reset in the middle of it', async () => {
    serveChain()
    server.on(withToken(OLD_TOKEN), { body: PAGE_2, resetAfterBytes: 2000 }, { body: PAGE_2 })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 6, updated: 0 })
    expect(server.requests.map((r) => r.query.get('resumptionToken'))).toEqual([null, OLD_TOKEN, OLD_TOKEN, NEW_TOKEN])
    expect(await catalogIds(db())).toEqual(ALL_IDS)
    expectPoliteGaps(server.requests)
  })

  it('restarts the range when the stored token has expired (badResumptionToken)', async () => {
    await savePosition(db(), 'arxiv-oai', SCOPE, JSON.stringify({ token: 'expired|1001' }))
    serveChain()
    server.on(withToken('expired|1001'), {
      body: oaiError('badResumptionToken', 'The value of the resumptionToken argument is invalid or expired.'),
    })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 6 })
    expect(server.requests.map((r) => r.query.get('resumptionToken'))).toEqual([
      'expired|1001',
      null,
      OLD_TOKEN,
      NEW_TOKEN,
    ])
    expect(await catalogIds(db())).toEqual(ALL_IDS)
  })

  it('finishes an empty window (noRecordsMatch) as ok with nothing added', async () => {
    server.on('/oai', { body: oaiError('noRecordsMatch', 'No records match the request') })
    expect(await runIngest(db(), source(), REQUEST, manual)).toMatchObject({
      status: 'ok',
      added: 0,
      skipped: 0,
      error: null,
    })
    expect(server.requests).toHaveLength(1)
  })

  it('fails with the protocol error it cannot act on', async () => {
    server.on('/oai', { body: oaiError('badArgument', 'Illegal argument') })
    expect(await runIngest(db(), source(), REQUEST, manual)).toMatchObject({
      status: 'failed',
      error: 'OAI-PMH badArgument: Illegal argument',
    })
  })

  it('marks a deleted record withdrawn and keeps it, and adds no paper for an unknown deletion', async () => {
    server.on('/oai', { body: page(RECORDED) })
    await runIngest(db(), source(), REQUEST, manual)
    const deleted = (id: string) => `<record>
<header status="deleted">
 <identifier>oai:arXiv.org:${id}</identifier>
 <datestamp>2015-02-01</datestamp>
 <setSpec>cs</setSpec>
</header>
</record>`
    server.on('/oai', { body: page([deleted('1412.8544'), deleted('1501.00001')]) })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 0, updated: 1, skipped: 0 })
    expect(await catalogIds(db())).toEqual(['1412.8544', 'hep-th/9504118'])
    const paper = (await getPaper(db(), '1412.8544'))!.paper
    expect(paper).toMatchObject({
      withdrawn: true,
      title: 'A Kochen-Specker system has at least 22 vectors (extended abstract)',
    })
    expect((await getPaper(db(), 'hep-th/9504118'))!.paper.withdrawn).toBe(false)
  })

  it('fetches a truncated page again', async () => {
    server.on(fresh, { body: PAGE_1.slice(0, PAGE_1.length / 2) }, { body: PAGE_1 })
    server.on(withToken(OLD_TOKEN), { body: PAGE_3 })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 4, skipped: 0 })
    expect(server.requests.map((r) => r.query.get('resumptionToken'))).toEqual([null, null, OLD_TOKEN])
  })

  it('fails, keeping what landed, when a page stays truncated', async () => {
    server.on(fresh, { body: PAGE_1 }).on(withToken(OLD_TOKEN), { body: PAGE_2.slice(0, 900) })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'failed', added: 2 })
    expect(run.error).toMatch(/^OAI-PMH page could not be read: .* \(after 3 attempts\)$/)
    expect(await catalogIds(db())).toEqual(['1412.8544', 'hep-th/9504118'])
    expect(await loadPosition(db(), 'arxiv-oai', SCOPE)).toBe(JSON.stringify({ token: OLD_TOKEN }))
  })

  it('waits out a 503 with Retry-After, as the old service sent it, then lands the page', async () => {
    server.on(
      '/oai',
      { status: 503, file: BUSY_503, headers: { 'retry-after': '1', 'content-type': 'text/html' } },
      { body: LIST_RECORDS },
    )
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 2 })
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1000 - 1)
  })

  it('reports malformed records with their reason and lands the good ones around them', async () => {
    const unreadable = renumbered(['not-an-id', 'x'])[0]!
    const untitled = renumbered(['1412.8603', 'x'])[0]!.replace(/<title>.*?<\/title>/, '<title></title>')
    server.on('/oai', { body: page([RECORDED[0]!, unreadable, untitled, RECORDED[1]!]) })
    const run = await runIngest(db(), source(), REQUEST, manual)
    const problems = [
      { where: 'record 2', reason: 'unreadable identifier "oai:arXiv.org:not-an-id"' },
      { where: '1412.8603', reason: 'no title' },
    ]
    expect(run).toMatchObject({ status: 'ok', added: 2, skipped: 2, problems })
    expect(await catalogIds(db())).toEqual(['1412.8544', 'hep-th/9504118'])
    expect((await recentRuns(db(), 1))[0]).toMatchObject({ id: run.runId, skipped: 2, problems })
  })

  it('reports a record whose bytes are not UTF-8, lands the rest, and keeps the clean copy stored', async () => {
    server.on('/oai', { body: LIST_RECORDS })
    await runIngest(db(), source(), REQUEST, manual)
    const clean = (await getPaper(db(), 'hep-th/9504118'))!.paper

    const bytes = Buffer.from(
      renumbered(['1412.8604', 'hep-th/9504118']).reduce((xml, r, i) => xml.replace(RECORDED[i]!, r), LIST_RECORDS),
    )
    bytes[bytes.indexOf('Discrete Mathematics') + 3] = 0xff
    server.on('/oai', { body: bytes })
    const run = await runIngest(db(), source(), REQUEST, manual)
    expect(run).toMatchObject({ status: 'ok', added: 1, skipped: 1 })
    expect(run.problems).toEqual([{ where: 'hep-th/9504118', reason: 'text holds U+FFFD: the bytes were not UTF-8' }])
    expect(await catalogIds(db())).toEqual(['1412.8544', '1412.8604', 'hep-th/9504118'])
    expect((await getPaper(db(), 'hep-th/9504118'))!.paper).toEqual(clean)
  })

  it('keeps every version arXivRaw lists in paper_versions, each with its date and title', async () => {
    const snapshot = readFileSync(
      recording('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl'),
      'utf8',
    )
    const line: SnapshotLine = JSON.parse(snapshot.split('\n')[0]!)
    const title = 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies'
    server.on('/oai', { body: page([arxivRaw(line, 1, line.title)]) })
    expect(await runIngest(db(), source(), REQUEST, manual)).toMatchObject({ status: 'ok', added: 1 })
    expect(await versionRows(db(), '0704.0001')).toEqual([
      { version: 1, created_at: '2007-04-02T19:18:42.000Z', title },
    ])

    server.on('/oai', { body: page([arxivRaw(line, 2, 'Prompt diphoton production at the Tevatron and the LHC')]) })
    expect(await runIngest(db(), source(), REQUEST, manual)).toMatchObject({ status: 'ok', added: 0, updated: 1 })
    expect((await getPaper(db(), '0704.0001'))!.paper).toMatchObject({
      version: 2,
      title: 'Prompt diphoton production at the Tevatron and the LHC',
      publishedAt: '2007-04-02T19:18:42.000Z',
    })
    expect(await versionRows(db(), '0704.0001')).toEqual([
      { version: 1, created_at: '2007-04-02T19:18:42.000Z', title },
      {
        version: 2,
        created_at: '2007-07-24T20:10:27.000Z',
        title: 'Prompt diphoton production at the Tevatron and the LHC',
      },
    ])
  })
})

/** A snapshot line as the arXivRaw record it came from, with its first `versions` versions. */
interface SnapshotLine {
  id: string
  title: string
  authors: string
  categories: string
  abstract: string
  versions: { version: string; created: string }[]
}

function arxivRaw(line: SnapshotLine, versions: number, title: string): string {
  const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  const listed = line.versions
    .slice(0, versions)
    .map(
      (v) =>
        `<version version="${v.version}"><date>${v.created}</date><size>37kb</size><source_type>D</source_type></version>`,
    )
  return `<record>
<header>
 <identifier>oai:arXiv.org:${line.id}</identifier>
 <datestamp>2015-01-02</datestamp>
 <setSpec>physics:hep-ph</setSpec>
</header>
<metadata>
 <arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">
 <id>${line.id}</id>${listed.join('')}<title>${xml(title)}</title><authors>${xml(line.authors)}</authors>
 <categories>${line.categories}</categories><abstract>${xml(line.abstract)}</abstract></arXivRaw>
</metadata>
</record>`
}
