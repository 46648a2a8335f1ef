import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import pino from 'pino'
import Parser from 'rss-parser'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { addToCollection, createCollection, updateCollection } from '../src/community/collections/store.js'
import { recordSubmission } from '../src/community/submissions/store.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { tags } from './support/html.js'

const BASE_URL = 'https://papers.example.org'
const parser = new Parser()
type JsonFeed = { title: string; items: { id: string; title: string; date_modified: string }[] }

const PAPERS = ['2608.20001', '2608.20002', '2608.20003']

describeEachDatabase("feeds and exports of members' lists", (db) => {
  let app: ReturnType<typeof createApp>
  let shared = ''
  let hidden = ''
  let readerCookie = ''
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`${BASE_URL}${path}`, { headers })
  const feed = async (path: string) => (await (await get(path)).json()) as JsonFeed

  beforeAll(async () => {
    await upsertPapers(
      db(),
      PAPERS.map((id, i) => ({
        id,
        title: `Collected Paper ${i + 1}`,
        authors: ['Ada Lovelace'],
        publishedAt: `2026-08-0${i + 1}T00:00:00.000Z`,
      })),
    )
    const reader = await signedInUser(db(), 'ada')
    readerCookie = reader.cookie
    const publicOne = await createCollection(
      db(),
      reader.user.id,
      { name: 'Diffusion <reading> group', description: 'For Thursdays.', isPublic: true },
      '2026-08-10T00:00:00.000Z',
    )
    const privateOne = await createCollection(
      db(),
      reader.user.id,
      { name: 'Private notes', description: '', isPublic: false },
      '2026-08-10T00:00:00.000Z',
    )
    await addToCollection(db(), publicOne.id, PAPERS[0]!, '2026-08-11T00:00:00.000Z')
    await addToCollection(db(), publicOne.id, PAPERS[1]!, '2026-08-12T00:00:00.000Z')
    await addToCollection(db(), privateOne.id, PAPERS[2]!, '2026-08-12T00:00:00.000Z')
    shared = `/u/ada/collections/${publicOne.id}-diffusion-reading-group`
    hidden = `/u/ada/collections/${privateOne.id}-private-notes`
    await recordSubmission(db(), reader.user.id, PAPERS[2]!, '2026-08-13T00:00:00.000Z')
    await recordSubmission(db(), reader.user.id, PAPERS[0]!, '2026-08-14T00:00:00.000Z')
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({
      config,
      db: db(),
      logger: pino({ level: 'silent' }),
      now: () => Date.parse('2026-08-20T00:00:00Z'),
    })
  })

  it('offers a public collection as RSS, Atom and JSON Feed, most recently added first', async () => {
    const [rss, atom, json] = await Promise.all(['rss', 'atom', 'json'].map((f) => get(`${shared}/feed.${f}`)))
    const ids = [PAPERS[1], PAPERS[0]].map((id) => `${BASE_URL}/papers/${id}`)
    expect((await parser.parseString(await rss!.text())).items.map((i) => i.guid)).toEqual(ids)
    expect((await parser.parseString(await atom!.text())).items.map((i) => i.id)).toEqual(ids)
    const fromJson = (await json!.json()) as JsonFeed
    expect(fromJson.items.map((i) => i.id)).toEqual(ids)
    expect(fromJson.title).toContain('Diffusion <reading> group, a collection by ada')
    expect(fromJson.items[0]!.date_modified).toBe('2026-08-12T00:00:00.000Z')
  })

  it('answers 404 for the feed and export of a private collection, even to its owner', async () => {
    for (const path of [`${hidden}/feed.rss`, `${hidden}/feed.json`, `${hidden}/export.bib`]) {
      expect((await get(path)).status, path).toBe(404)
      expect((await get(path, { cookie: readerCookie })).status, path).toBe(404)
    }
    expect((await get('/u/nobody/collections/1-x/feed.rss')).status).toBe(404)
    expect((await get('/u/ada/collections/999999-x/feed.atom')).status).toBe(404)
    expect((await get(`/u/ada/collections/%00/feed.atom`)).status).toBe(400)
    expect((await get(`/u/${'a'.repeat(10_000)}/collections/1/feed.atom`)).status).toBe(404)
  })

  it('advertises the feeds on a public collection page and not on a private one', async () => {
    const page = await (await get(shared)).text()
    const alternates = tags(page, 'link').filter((l) => l.rel === 'alternate')
    expect(alternates.map((l) => l.href)).toEqual(['rss', 'atom', 'json'].map((f) => `${shared}/feed.${f}`))
    expect(tags(page, 'a').map((a) => a.href)).toContain(`${shared}/export.bib`)
    const own = await (await get(hidden, { cookie: readerCookie })).text()
    expect(
      tags(own, 'link')
        .filter((l) => l.rel === 'alternate')
        .map((l) => l.href),
    ).not.toContain(`${hidden}/feed.rss`)
  })

  it('answers 304 to a reader with the current collection feed, and 200 once the collection changes', async () => {
    const first = await get(`${shared}/feed.atom`)
    const etag = first.headers.get('etag')!
    expect((await get(`${shared}/feed.atom`, { 'if-none-match': etag })).status).toBe(304)
    const collectionId = Number(shared.split('/').at(-1)!.split('-')[0])
    await addToCollection(db(), collectionId, PAPERS[2]!, '2026-08-15T00:00:00.000Z')
    const after = await get(`${shared}/feed.atom`, { 'if-none-match': etag })
    expect(after.status).toBe(200)
    expect((await parser.parseString(await after.text())).items).toHaveLength(3)
    await updateCollection(
      db(),
      collectionId,
      { name: 'Renamed', description: '', isPublic: true },
      '2026-08-16T00:00:00.000Z',
    )
    expect((await feed(`/u/ada/collections/${collectionId}-renamed/feed.json`)).title).toContain('Renamed')
  })

  it('exports a public collection as BibTeX and RIS that citation.js reads', async () => {
    const collectionId = Number(shared.split('/').at(-1)!.split('-')[0])
    const bib = await (await get(`/u/ada/collections/${collectionId}-renamed/export.bib`)).text()
    const titles = ((await Cite.async(bib)).data as { title: string }[]).map((i) => i.title).sort()
    expect(titles).toEqual(['Collected Paper 1', 'Collected Paper 2', 'Collected Paper 3'])
    const ris = await (await get(`/u/ada/collections/${collectionId}-renamed/export.ris`)).text()
    expect(((await Cite.async(ris)).data as unknown[]).length).toBe(3)
  })

  it("offers a member's submissions as a feed, newest first, advertised on their profile", async () => {
    const json = await feed('/u/ada/feed.json')
    expect(json.items.map((i) => i.id)).toEqual([PAPERS[0], PAPERS[2]].map((id) => `${BASE_URL}/papers/${id}`))
    expect(json.title).toContain('Papers submitted by ada')
    const rss = await parser.parseString(await (await get('/u/ada/feed.rss')).text())
    expect(rss.items).toHaveLength(2)
    const profile = await (await get('/u/ada')).text()
    expect(
      tags(profile, 'link')
        .filter((l) => l.rel === 'alternate')
        .map((l) => l.href),
    ).toEqual(['rss', 'atom', 'json'].map((f) => `/u/ada/feed.${f}`))
    expect((await get('/u/nobody/feed.atom')).status).toBe(404)
    const etag = (await get('/u/ada/feed.atom')).headers.get('etag')!
    expect((await get('/u/ada/feed.atom', { 'if-none-match': etag })).status).toBe(304)
  })
})
