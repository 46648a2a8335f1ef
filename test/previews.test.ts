import { Resvg } from '@resvg/resvg-js'
import pino from 'pino'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { PoliteClient } from '../src/ingest/polite-client.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { CARD_HEIGHT, CARD_WIDTH } from '../src/previews/card-svg.js'
import { fetchThumbnails, MAX_THUMBNAIL_BYTES } from '../src/previews/fetch-thumbnails.js'
import { sniffImage } from '../src/previews/image-type.js'
import { thumbnailPath } from '../src/previews/paths.js'
import type { PreviewTables } from '../src/previews/schema.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer } from './support/fault-server.js'
import { metaContents, tags } from './support/html.js'

/**
 * Link previews and thumbnails through the real app and a real database: every page names an
 * absolute preview image; cards are PNGs rendered once; thumbnails are copied once from a local
 * server playing the CDN (with its faults) and served from the site, never from their source.
 */
const BASE_URL = 'https://papers.example.org'
const DAY = '2026-03-02'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const THUMB = new Resvg(
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#369"/></svg>',
)
  .render()
  .asPng()
const LONG_TITLE = `<script>alert(1)</script> & "Quoted" ${'A Very Long Title About Attention '.repeat(8)}`

describeEachDatabase('link previews and thumbnails', (db) => {
  const cdn = new FaultServer()
  let app: ReturnType<typeof createApp>
  const thumbs: Record<string, string> = {}
  // Polite as the real client, but quick: no spacing, one retry after 10 ms.
  const client = new PoliteClient({
    minIntervalMs: 0,
    timeoutMs: 2000,
    maxRetries: 1,
    backoffBaseMs: 10,
    maxRetryAfterMs: 1000,
    userAgent: 'test',
  })

  const paper = (n: number, title: string, thumbnail?: string): PaperRecord => ({
    id: `2603.0000${n}`,
    title,
    abstract: 'An abstract.',
    publishedAt: `${DAY}T00:00:00.000Z`,
    authors: Array.from({ length: n === 9 ? 30 : 2 }, (_, i) => `Author Number${i + 1}`),
    ...(thumbnail && { thumbnail }),
    featuring: {
      featuredOn: DAY,
      source: 'hf',
      position: n,
      submittedBy: null,
      submittedAt: `${DAY}T08:00:00.000Z`,
    },
  })

  beforeAll(async () => {
    await cdn.start()
    const png = { 'content-type': 'image/png' }
    cdn
      .on('/t/ok.png', { body: THUMB, headers: png })
      .on('/t/big.png', {
        body: Buffer.concat([THUMB, Buffer.alloc(MAX_THUMBNAIL_BYTES)]),
        headers: png,
      })
      .on('/t/big-chunked.png', {
        body: Buffer.concat([THUMB, Buffer.alloc(MAX_THUMBNAIL_BYTES)]),
        headers: { ...png, 'transfer-encoding': 'chunked' },
      })
      .on('/t/page.png', {
        body: '<html>Not found</html>',
        headers: { 'content-type': 'text/html' },
      })
      .on('/t/lie.png', { body: '<html>Not found</html>', headers: png })
      .on('/t/gone.png', { status: 404, body: 'gone', headers: { 'content-type': 'text/plain' } })
      .on('/t/broken.png', { status: 503, body: 'down' })
    for (const name of ['ok', 'big', 'big-chunked', 'page', 'lie', 'gone', 'broken'])
      thumbs[name] = `${cdn.url}/t/${name}.png`
    const closed = await new FaultServer().start()
    thumbs.offline = `${closed.url}/t/offline.png` // a port nothing listens on any more: the CDN is unreachable
    await closed.stop()
    const names = Object.keys(thumbs)
    await upsertPapers(db(), [
      ...names.map((name, i) => paper(i + 1, `Paper with a ${name} thumbnail`, thumbs[name])),
      paper(9, LONG_TITLE),
    ])
    app = createApp({
      config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
  })
  afterAll(() => cdn.stop())

  const get = (path: string, headers?: Record<string, string>) => app.request(path, { headers })
  const html = async (path: string) => (await get(path)).text()
  const pathOf = (url: string) => url.slice(BASE_URL.length)

  it('every page names one absolute preview image with its alt text, size and a large Twitter card', async () => {
    for (const path of [
      '/',
      '/papers',
      `/papers/date/${DAY}`,
      '/papers/trending',
      '/papers/2603.00009',
      '/no-such-page',
    ]) {
      const page = await html(path)
      const [image, ...more] = metaContents(page, 'og:image')
      expect(more, path).toEqual([])
      expect(image, path).toMatch(new RegExp(`^${BASE_URL}/`))
      expect(metaContents(page, 'og:image:alt')[0]?.length, path).toBeGreaterThan(3)
      expect(metaContents(page, 'og:image:width'), path).toEqual([String(CARD_WIDTH)])
      expect(metaContents(page, 'og:image:height'), path).toEqual([String(CARD_HEIGHT)])
      expect(metaContents(page, 'twitter:card'), path).toEqual(['summary_large_image'])
    }
    const site = metaContents(await html('/'), 'og:image')[0]!
    expect(site).toMatch(/\/cards\/site\.png\?v=[0-9a-f]+$/)
    expect(metaContents(await html('/papers/trending'), 'og:image')).toEqual([site])
    const card = metaContents(await html('/papers/2603.00009'), 'og:image')[0]!
    expect(card).toMatch(/\/cards\/papers\/2603\.00009\.png\?v=[0-9a-f]+$/)
  })

  it('a paper card is a 1200×630 PNG, rendered once, cached forever under its fingerprinted URL', async () => {
    const url = pathOf(metaContents(await html('/papers/2603.00009'), 'og:image')[0]!)
    const first = await get(url)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('image/png')
    expect(first.headers.get('cache-control')).toContain('immutable')
    const png = Buffer.from(await first.arrayBuffer())
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(sniffImage(png)).toEqual({ type: 'image/png', width: CARD_WIDTH, height: CARD_HEIGHT })
    const stored = await db()
      .kysely.withTables<PreviewTables>()
      .selectFrom('preview_cards')
      .select('created_at')
      .where('key', '=', 'paper:2603.00009')
      .execute()
    expect(stored).toHaveLength(1)

    const again = await get(url)
    expect(Buffer.from(await again.arrayBuffer())).toEqual(png)
    const revalidated = await get(url, { 'If-None-Match': first.headers.get('etag')! })
    expect(revalidated.status).toBe(304)
    const still = await db()
      .kysely.withTables<PreviewTables>()
      .selectFrom('preview_cards')
      .select('created_at')
      .where('key', '=', 'paper:2603.00009')
      .execute()
    expect(still).toEqual(stored) // not rendered again
    // Without its fingerprint, the same card is cached only briefly.
    expect((await get('/cards/papers/2603.00009.png')).headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it("a card is drawn anew when its paper's title changes, under a new URL", async () => {
    const before = metaContents(await html('/papers/2603.00007'), 'og:image')[0]!
    const old = await get(pathOf(before))
    await upsertPapers(db(), [{ id: '2603.00007', title: 'A Renamed Paper', observedAt: new Date().toISOString() }])
    const after = metaContents(await html('/papers/2603.00007'), 'og:image')[0]!
    expect(after).not.toBe(before)
    const renewed = await get(pathOf(after))
    expect(renewed.headers.get('etag')).not.toBe(old.headers.get('etag'))
    expect(Buffer.from(await renewed.arrayBuffer())).not.toEqual(Buffer.from(await old.arrayBuffer()))
    const rows = await db()
      .kysely.withTables<PreviewTables>()
      .selectFrom('preview_cards')
      .select('key')
      .where('key', '=', 'paper:2603.00007')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('a card for a paper not in the catalog, or for no paper at all, is a 404 page', async () => {
    for (const path of [
      '/cards/papers/2603.99999.png',
      '/cards/papers/not-an-id!.png',
      '/cards/papers/2603.00009v2.png',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toContain('text/html')
    }
  })

  it('copies each thumbnail once, and reports the oversized, the non-images and the failures', async () => {
    const run = await fetchThumbnails(db(), client)
    expect(run.stored).toBe(1)
    const reasons = Object.fromEntries(run.failed.map((f) => [f.url, f.reason]))
    expect(reasons).toEqual({
      [thumbs.big!]: expect.stringMatching(/larger than 2097152 bytes/),
      [thumbs['big-chunked']!]: expect.stringMatching(/larger than 2097152 bytes/),
      [thumbs.page!]: 'not an image (text/html)',
      [thumbs.lie!]: 'not a PNG, JPEG, GIF or WebP image (labelled image/png)',
      [thumbs.gone!]: 'HTTP 404',
      [thumbs.broken!]: expect.stringMatching(/HTTP 503 .* after 2 attempts/),
      [thumbs.offline!]: expect.stringMatching(/ECONNREFUSED.* after 2 attempts/),
    })
    const asked = cdn.requests.length
    const second = await fetchThumbnails(db(), client)
    expect(second).toEqual({ stored: 0, failed: [] }) // stored ones are kept; failed ones wait to be retried
    expect(cdn.requests.length).toBe(asked)
    expect(cdn.requests.filter((r) => r.path === '/t/ok.png')).toHaveLength(1)
  })

  it('serves a stored thumbnail with long cache headers and its ETag, and uses it as the page preview', async () => {
    const res = await get(thumbnailPath(thumbs.ok!))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toBe('public, max-age=2592000')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(THUMB))
    expect((await get(thumbnailPath(thumbs.ok!), { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304)

    const page = await html('/papers/2603.00001')
    expect(metaContents(page, 'og:image')).toEqual([`${BASE_URL}${thumbnailPath(thumbs.ok!)}`])
    expect(metaContents(page, 'og:image:width')).toEqual(['320'])
    expect(metaContents(page, 'og:image:height')).toEqual(['180'])
    expect(metaContents(page, 'og:image:type')).toEqual(['image/png'])
  })

  it('serves a placeholder, briefly cached, for a thumbnail that could not be copied', async () => {
    for (const name of ['offline', 'big', 'lie']) {
      const res = await get(thumbnailPath(thumbs[name]!))
      expect(res.status, name).toBe(200)
      expect(res.headers.get('content-type'), name).toBe('image/svg+xml')
      expect(res.headers.get('cache-control'), name).toBe('public, max-age=600')
    }
    expect(metaContents(await html('/papers/2603.00008'), 'og:image')[0]).toContain('/cards/papers/2603.00008.png?v=')
    expect((await get('/thumbnails/not-a-key')).status).toBe(404)
  })

  it('pages load images only from the site, and the CSP allows no other', async () => {
    const res = await get(`/papers/date/${DAY}`)
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data:;")
    const images = tags(await res.text(), 'img').map((img) => img.src!)
    expect(images).toHaveLength(Object.keys(thumbs).length)
    for (const src of images) expect(src).toMatch(/^\/thumbnails\/[0-9a-f]{32}$/)
  })
})
