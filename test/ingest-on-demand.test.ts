import pino from 'pino'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createPaperLookup } from '../src/ingest/on-demand.js'
import type { PoliteClient } from '../src/ingest/polite-client.js'
import { getPaper } from '../src/papers/store.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer, type Logged } from './support/fault-server.js'
import { textOf } from './support/html.js'
import { emptyCatalog, politeClient, recording } from './support/ingest.js'

/** Opening a paper the catalog lacks fetches it from the arXiv API (here, the fault server). */
const api = (name: string) => recording(`arxiv-atom-api/${name}`)
const config = loadConfig({ BASE_URL: 'https://papers.example.org', LOG_LEVEL: 'silent' })
const LOOKUP_TIMEOUT_MS = 12_000 // on-demand.ts: the longest a reader waits for arXiv
const forId = (id: string) => (r: Logged) => r.path === '/api' && r.query.get('id_list') === id

describeEachDatabase('on-demand lookups', (db) => {
  const server = new FaultServer()
  const appWith = (client: PoliteClient, apiUrl = `${server.url}/api`) =>
    createApp({ config, db: db(), logger: pino({ level: 'silent' }), lookup: createPaperLookup(db(), client, apiUrl) })
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(async () => {
    server.reset()
    await emptyCatalog(db())
  })

  it('fetches a paper the catalog lacks, shows it, and keeps it in the catalog', async () => {
    server.on(forId('1605.08386'), { file: api('current-format_id-list_1605.08386.xml') })
    const app = appWith(politeClient())
    const res = await app.request('/papers/1605.08386')
    expect(res.status).toBe(200)
    const stored = await getPaper(db(), '1605.08386')
    expect(stored).toMatchObject({ featurings: [] })
    expect(textOf(await res.text())).toContain(stored!.paper.title)
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([{ id_list: '1605.08386', max_results: '1' }])
    expect((await app.request('/papers/1605.08386')).status).toBe(200)
    expect(server.requests).toHaveLength(1) // now served from the catalog
  })

  it('fetches a paper for the API too', async () => {
    server.on(forId('1707.08567'), { file: api('current-format_id-list_1707.08567.xml') })
    const res = await appWith(politeClient()).request('/api/papers/1707.08567')
    expect(res.status).toBe(200)
    const title = 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications'
    expect(await res.json()).toMatchObject({ id: '1707.08567', title })
  })

  it('answers 404 saying arXiv does not know an id, and does not ask again', async () => {
    // A well-formed id that names no paper: arXiv answers with an empty feed.
    server.on(forId('2412.99999'), { file: api('current-format_id-list_0000.0000_empty.xml') })
    const app = appWith(politeClient())
    for (let i = 0; i < 2; i++) {
      const res = await app.request('/papers/2412.99999')
      expect(res.status).toBe(404)
      expect(textOf(await res.text())).toContain('arXiv does not know a paper 2412.99999.')
    }
    expect(server.requests).toHaveLength(1)
    expect(await getPaper(db(), '2412.99999')).toBeNull()
  })

  it('answers 404 in time when arXiv cannot be reached, and goes on serving', async () => {
    const gone = await new FaultServer().start()
    await gone.stop() // nothing listens on its port any more: connections are refused
    const app = appWith(politeClient({ maxRetries: 1 }), `${gone.url}/api`)
    const started = Date.now()
    const res = await app.request('/papers/2401.00001')
    expect(res.status).toBe(404)
    expect(Date.now() - started).toBeLessThan(LOOKUP_TIMEOUT_MS)
    expect(textOf(await res.text())).toContain('arXiv:2401.00001 is not in this catalog, and arXiv could not be reached just now.')
    expect((await app.request('/')).status).toBe(200)
  })

  it('answers 404 in time when arXiv does not answer', async () => {
    server.on('/api', { file: api('current-format_id-list_1605.08386.xml'), delayMs: 5000 })
    const app = appWith(politeClient({ timeoutMs: 300, maxRetries: 1 }))
    const started = Date.now()
    const res = await app.request('/papers/1605.08386')
    expect(res.status).toBe(404)
    expect(Date.now() - started).toBeLessThan(LOOKUP_TIMEOUT_MS)
    expect((await app.request('/api/papers/1605.08386')).status).toBe(404)
  })

  it('tells a reader to retry (429) when too many lookups already wait for arXiv', async () => {
    server.on('/api', { file: api('current-format_id-list_0000.0000_empty.xml') })
    server.on('/harvest', { body: 'slow', delayMs: 500 })
    const client = politeClient()
    const app = appWith(client)
    // The lookups share arXiv's client with the ingest: a harvest's request is in flight.
    const harvest = client.get(`${server.url}/harvest`)
    const ids = ['2401.00001', '2401.00002', '2401.00003', '2401.00004']
    const statuses = await Promise.all(ids.map(async (id) => (await app.request(`/papers/${id}`)).status))
    await harvest
    expect(statuses.sort()).toEqual([404, 404, 404, 429])
    expect(server.requests.map((r) => r.path)).toEqual(['/harvest', '/api', '/api', '/api'])
  })
})
