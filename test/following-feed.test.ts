import Parser from 'rss-parser'
import { beforeAll, expect, it } from 'vitest'
import { upsertPapers } from '../src/papers/upsert.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'

const parser = new Parser()

/** The Following page as a private feed at a secret address, on both databases. */
describeEachDatabase('private Following feed', (db) => {
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  beforeAll(async () => {
    app = communityApp(db(), Date.now)
    ada = await signedInUser(db(), 'ada')
    await upsertPapers(db(), [
      {
        id: '2612.40001',
        title: 'Kernels for the Following feed',
        abstract: 'We study kernels.',
        authors: ['Ada Lovelace'],
        categories: ['stat.ML'],
        publishedAt: new Date().toISOString(),
      },
    ])
    await app.request('/follows', formPost(BASE_URL, { kind: 'category', target: 'stat.ML' }, ada))
  })
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers })
  const feedAddress = async (page = '/following') => {
    const html = await (await get(page, { cookie: ada.cookie })).text()
    const href = /id="following-feed-url" class="copy-field" readonly="" value="([^"]+)"/.exec(html)?.[1]
    expect(href, 'the copy field').toBeDefined()
    return { html, path: new URL(href!).pathname }
  }

  it('shows the feed’s address on /following, advertised there in the three formats', async () => {
    const { html, path } = await feedAddress()
    expect(path).toMatch(/^\/following\/\d+-[0-9a-f]{32}\/feed\.rss$/)
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json'])
      expect(html).toMatch(
        new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"[^>]* href="${BASE_URL}/following/`),
      )
    const elsewhere = await (await get('/settings/follows', { cookie: ada.cookie })).text()
    expect(elsewhere).not.toContain('/following/')
  })

  it('serves the page’s papers as RSS, Atom and JSON Feed, with a conditional GET', async () => {
    const { path } = await feedAddress()
    const rss = await get(path)
    expect(rss.status).toBe(200)
    expect(rss.headers.get('content-type')).toMatch(/^application\/rss\+xml/)
    const feed = await parser.parseString(await rss.text())
    expect(feed.items.map((i) => i.title)).toContain('Kernels for the Following feed')
    const atom = await get(path.replace(/rss$/, 'atom'))
    expect(await parser.parseString(await atom.text())).toMatchObject({ title: expect.stringContaining('Following') })
    const json = await (await get(path.replace(/rss$/, 'json'))).json()
    expect(json.items.map((i: { title: string }) => i.title)).toContain('Kernels for the Following feed')
    const etag = rss.headers.get('etag')!
    expect(etag).toBeTruthy()
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304)
  })

  it('answers 404 to a made-up token, and ends the old address when the link is reset', async () => {
    const { path } = await feedAddress()
    const forged = path.replace(/-[0-9a-f]{32}\//, `-${'0'.repeat(32)}/`)
    expect((await get(forged)).status).toBe(404)
    expect((await get(path.replace(/^\/following\/\d+/, '/following/999999'))).status).toBe(404)
    // Without the form's token the reset is refused.
    const noCsrf = await app.request('/following/feed/reset', {
      ...formPost(BASE_URL, {}),
      headers: { ...formPost(BASE_URL, {}).headers, cookie: ada.cookie },
    })
    expect(noCsrf.status).toBe(403)
    expect((await get(path)).status).toBe(200)

    const reset = await app.request('/following/feed/reset', formPost(BASE_URL, {}, ada))
    expect(reset.status).toBe(303)
    expect((await get(path)).status).toBe(404)
    expect(reset.headers.get('location')).toBe('/following?done=reset#following-feed-title')
    const fresh = await feedAddress('/following?done=reset')
    expect(fresh.html).toContain('The link was reset')
    expect(fresh.path).not.toBe(path)
    expect((await get(fresh.path)).status).toBe(200)
  })
})
