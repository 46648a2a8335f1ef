import { beforeAll, describe, expect, it } from 'vitest'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, bearer, catalogPapers, communityApp, jsonRequest } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'

/** Collections: made, renamed, filled and emptied from pages and the API; only by their owner. */
const NOW = Date.parse('2026-03-04T12:00:00Z')
const PAPER = '2603.00001'
const OLD_STYLE = 'hep-th/9901001'

type Json = Record<string, any>

describeEachDatabase('collections', (db) => {
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  let bob: SignedIn
  let adaAuth: Record<string, string>
  let bobAuth: Record<string, string>
  beforeAll(async () => {
    app = communityApp(db(), () => NOW)
    ada = await signedInUser(db(), 'Ada')
    bob = await signedInUser(db(), 'bob')
    adaAuth = await bearer(db(), ada)
    bobAuth = await bearer(db(), bob)
    await catalogPapers(db(), [
      { id: PAPER, publishedAt: '2026-03-01T00:00:00Z', title: 'Sparse Attention at Scale' },
      { id: '2603.00002', publishedAt: '2026-03-01T00:00:00Z', title: 'Second Paper' },
      { id: OLD_STYLE, publishedAt: '1999-01-04T00:00:00Z', title: 'Old Strings' },
    ])
  })
  const post = (path: string, fields: Record<string, string>, who?: SignedIn) =>
    app.request(path, formPost(BASE_URL, fields, who))
  const createVia = async (who: SignedIn, name: string, visibility = 'private') => {
    const res = await post('/collections', { name, description: '', visibility }, who)
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    return { location, id: Number(/\/collections\/(\d+)/.exec(location)![1]) }
  }

  it('creates a collection from the list page and shows it to its owner only while private', async () => {
    const list = await app.request('/u/Ada/collections', { headers: { cookie: ada.cookie } })
    expect(textOf(await list.text())).toContain('You have no collections yet')
    const { location } = await createVia(ada, 'Diffusion: the 2026 reading')
    expect(location).toMatch(/^\/u\/Ada\/collections\/\d+-diffusion-the-2026-reading$/)
    const own = await app.request(location, { headers: { cookie: ada.cookie } })
    expect(own.status).toBe(200)
    expect(textOf(await own.text())).toContain('Diffusion: the 2026 reading Private 0 papers')
    expect((await app.request(location)).status).toBe(404)
    expect((await app.request(location, { headers: { cookie: bob.cookie } })).status).toBe(404)
    expect(textOf(await (await app.request('/u/Ada/collections')).text())).toContain('No public collections yet')
  })

  it('saves a paper from the paper page into a new collection, then into an existing one, and removes it', async () => {
    const anonymous = await app.request(`/papers/${PAPER}`)
    expect(textOf(await anonymous.text())).toContain('Log in to save this paper to a reading list')
    const saved = await post('/collections/save', { paper: PAPER, collection: 'new', name: 'To read' }, bob)
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/papers/${PAPER}#save`)
    const page = await (await app.request(`/papers/${PAPER}`, { headers: { cookie: bob.cookie } })).text()
    expect(page).toMatch(/<a href="\/u\/bob\/collections\/\d+-to-read">To read<\/a>/)
    const { id } = await createVia(bob, 'Attention', 'public')
    expect((await post('/collections/save', { paper: PAPER, collection: String(id) }, bob)).status).toBe(303)
    expect((await post('/collections/save', { paper: PAPER, collection: String(id) }, bob)).status).toBe(303) // twice is harmless
    const pub = await app.request(`/u/bob/collections/${id}-attention`)
    expect(pub.status).toBe(200)
    expect(textOf(await pub.text())).toContain('Sparse Attention at Scale')
    expect((await post(`/collections/${id}/papers/remove`, { paper: PAPER }, bob)).status).toBe(303)
    expect(textOf(await (await app.request(`/u/bob/collections/${id}-attention`)).text())).toContain('No papers yet')
  })

  it('renames a collection and sends its old address to the new one', async () => {
    const { id, location } = await createVia(ada, 'Old name', 'public')
    expect(
      (
        await post(`/collections/${id}/edit`, { name: 'New name', description: 'Why these', visibility: 'public' }, ada)
      ).headers.get('location'),
    ).toBe(`/u/Ada/collections/${id}-new-name`)
    const old = await app.request(location)
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe(`/u/Ada/collections/${id}-new-name`)
    expect((await app.request(`/u/ada/collections/${id}`)).headers.get('location')).toBe(
      `/u/Ada/collections/${id}-new-name`,
    )
    expect(textOf(await (await app.request(`/u/Ada/collections/${id}-new-name`)).text())).toContain('Why these')
  })

  it('deletes a collection', async () => {
    const { id, location } = await createVia(ada, 'Short-lived', 'public')
    const res = await post(`/collections/${id}/delete`, {}, ada)
    expect(res.headers.get('location')).toBe('/u/Ada/collections')
    expect((await app.request(location)).status).toBe(404)
  })

  it('shows public collections on the list page to everyone', async () => {
    await createVia(ada, 'Shared list', 'public')
    await createVia(ada, 'Secret list', 'private')
    const text = textOf(await (await app.request('/u/Ada/collections')).text())
    expect(text).toContain('Shared list')
    expect(text).not.toContain('Secret list')
  })

  describe('authorization: another member’s collection cannot be changed', () => {
    it('answers 403 to every form route, and changes nothing', async () => {
      const { id, location } = await createVia(ada, 'Ada only', 'public')
      await post('/collections/save', { paper: PAPER, collection: String(id) }, ada)
      const attempts: [string, Record<string, string>][] = [
        [`/collections/${id}/edit`, { name: 'Hijacked', visibility: 'public' }],
        [`/collections/${id}/delete`, {}],
        [`/collections/${id}/papers`, { paper: '2603.00002' }],
        [`/collections/${id}/papers/remove`, { paper: PAPER }],
        ['/collections/save', { paper: '2603.00002', collection: String(id) }],
      ]
      for (const [path, fields] of attempts) {
        const res = await post(path, fields, bob)
        expect(res.status, path).toBe(403)
        expect(textOf(await res.text())).toContain('This collection belongs to someone else')
      }
      const text = textOf(await (await app.request(location)).text())
      expect(text).toContain('Ada only 1 paper')
      expect(text).toContain('Sparse Attention at Scale')
    })

    it('answers 403 to every API write, and 404 to reading a private one', async () => {
      const { id } = await createVia(ada, 'Ada private', 'private')
      const writes: [string, string, unknown][] = [
        ['PATCH', `/api/v1/collections/${id}`, { name: 'x' }],
        ['DELETE', `/api/v1/collections/${id}`, undefined],
        ['PUT', `/api/v1/collections/${id}/papers/${PAPER}`, undefined],
        ['DELETE', `/api/v1/collections/${id}/papers/${PAPER}`, undefined],
      ]
      for (const [method, path, body] of writes) {
        const res = await app.request(path, jsonRequest(method, body ?? {}, bobAuth))
        expect(res.status, `${method} ${path}`).toBe(403)
        expect(await res.json()).toEqual({ error: expect.stringContaining('belongs to someone else') })
      }
      expect((await app.request(`/api/v1/collections/${id}`, { headers: bobAuth })).status).toBe(404)
      expect((await app.request(`/api/v1/collections/${id}`)).status).toBe(404)
      expect((await app.request(`/api/v1/collections/${id}`, { headers: adaAuth })).status).toBe(200)
    })

    it('sends an anonymous form to log in, and answers an anonymous API call 401', async () => {
      const { id } = await createVia(ada, 'Anon test')
      const res = await post(`/collections/${id}/delete`, {})
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
      expect((await app.request(`/api/v1/collections/${id}`, jsonRequest('DELETE', {}))).status).toBe(401)
      expect((await app.request('/api/v1/collections', jsonRequest('POST', { name: 'x' }))).status).toBe(401)
      expect((await app.request('/api/v1/collections')).status).toBe(401)
    })

    it('refuses a forged form (no CSRF token)', async () => {
      const { id, location } = await createVia(ada, 'Forgery target', 'public')
      expect((await post(`/collections/${id}/delete`, { _csrf: 'forged' }, ada)).status).toBe(403)
      expect((await app.request(location)).status).toBe(200)
    })
  })

  describe('the API', () => {
    it('creates, lists, reads, changes, fills, empties and deletes', async () => {
      const made = await app.request(
        '/api/v1/collections',
        jsonRequest('POST', { name: 'Via API', public: true }, adaAuth),
      )
      expect(made.status).toBe(201)
      const body = (await made.json()) as Json
      expect(body).toMatchObject({
        name: 'Via API',
        public: true,
        owner: 'Ada',
        paper_count: 0,
        papers: [],
        description: '',
      })
      expect(body.url).toBe(`${BASE_URL}/u/Ada/collections/${body.id}-via-api`)
      const path = `/api/v1/collections/${body.id}`
      expect(
        ((await (await app.request('/api/v1/collections', { headers: adaAuth })).json()) as Json).collections.map(
          (c: Json) => c.name,
        ),
      ).toContain('Via API')
      expect(
        ((await (await app.request(`${path}/papers/${PAPER}`, jsonRequest('PUT', {}, adaAuth))).json()) as Json).papers,
      ).toEqual([PAPER])
      const old = (await (
        await app.request(`${path}/papers/${OLD_STYLE}`, jsonRequest('PUT', {}, adaAuth))
      ).json()) as Json
      expect(old.papers.sort()).toEqual([PAPER, OLD_STYLE].sort())
      expect(((await (await app.request(path)).json()) as Json).paper_count).toBe(2) // public: readable without a token
      const patched = await app.request(path, jsonRequest('PATCH', { name: 'Renamed', public: false }, adaAuth))
      expect(await patched.json()).toMatchObject({ name: 'Renamed', public: false })
      expect((await app.request(path)).status).toBe(404)
      const emptied = await app.request(`${path}/papers/${OLD_STYLE}`, jsonRequest('DELETE', {}, adaAuth))
      expect(((await emptied.json()) as Json).papers).toEqual([PAPER])
      expect((await app.request(path, jsonRequest('DELETE', {}, adaAuth))).status).toBe(204)
      expect((await app.request(path, { headers: adaAuth })).status).toBe(404)
    })

    it('answers 404 for a paper the catalog lacks and for ids that are not ids', async () => {
      const made = (await (
        await app.request('/api/v1/collections', jsonRequest('POST', { name: 'Ids' }, adaAuth))
      ).json()) as Json
      expect(
        (await app.request(`/api/v1/collections/${made.id}/papers/2603.99999`, jsonRequest('PUT', {}, adaAuth))).status,
      ).toBe(404)
      const notAnId = await app.request(
        `/api/v1/collections/${made.id}/papers/not-an-id`,
        jsonRequest('PUT', {}, adaAuth),
      )
      expect(notAnId.status).toBe(400)
      for (const bad of ['abc', '0', '-1', '99999999999999999999', '1.5', '%00']) {
        const res = await app.request(`/api/v1/collections/${bad}`, { headers: adaAuth })
        expect([400, 404], bad).toContain(res.status)
      }
      expect((await app.request('/u/Ada/collections/99999999999999999999-x')).status).toBe(404)
      expect((await app.request('/u/Ada/collections/not-a-slug')).status).toBe(404)
      expect((await app.request('/u/nobody-here/collections')).status).toBe(404)
      expect((await post('/collections/abc/delete', {}, ada)).status).toBe(404)
    })
  })

  describe('hostile input', () => {
    it('refuses empty, 10 KB, multi-line and NUL names on the form, keeping what was typed', async () => {
      for (const [name, message] of [
        ['', 'Give the collection a name.'],
        ['x'.repeat(10_000), 'A name has at most 100 characters.'],
        ['two\nlines', 'A name is one line of text.'],
        ['nul\u0000byte', 'A name is one line of text.'],
      ] as const) {
        const res = await post('/collections', { name, visibility: 'public' }, ada)
        expect(res.status).toBe(400)
        const html = await res.text()
        expect(textOf(html)).toContain(message)
        expect(html).not.toContain('\u0000')
      }
      const desc = await post('/collections', { name: 'ok', description: 'd'.repeat(10_000) }, ada)
      expect(desc.status).toBe(400)
      const api = await app.request('/api/v1/collections', jsonRequest('POST', { name: 'a\u0000b' }, adaAuth))
      expect(api.status).toBe(400)
      expect(
        (await app.request('/api/v1/collections', jsonRequest('POST', { name: 'x', public: 'yes' }, adaAuth))).status,
      ).toBe(400)
      expect((await app.request('/api/v1/collections', jsonRequest('POST', '{"name":', adaAuth))).status).toBe(400)
      expect(
        (
          await app.request(
            '/api/v1/collections',
            jsonRequest('POST', { name: 'x', extra: 1, description: 'y'.repeat(10_000) }, adaAuth),
          )
        ).status,
      ).toBe(400)
    })

    it('limits changes to 120 a minute, answering 429 with Retry-After', async () => {
      const busy = await signedInUser(db(), 'busy')
      const { id } = await createVia(busy, 'Busy list')
      for (let i = 1; i < 120; i++) {
        expect((await post(`/collections/${id}/papers`, { paper: PAPER, next: '/' }, busy)).status).toBe(303)
      }
      const res = await post(`/collections/${id}/papers`, { paper: PAPER }, busy)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    })

    it('shows markup in names and descriptions as text', async () => {
      const name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
      const { location } = await createVia(ada, name, 'public')
      await post(
        `/collections/${/\/(\d+)/.exec(location)![1]}/edit`,
        { name, description: '<b>bold</b> & "quotes"', visibility: 'public' },
        ada,
      )
      const html = await (await app.request(`/u/Ada/collections`)).text()
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('<img src=x')
      expect(textOf(html)).toContain(name)
      const page = await (
        await app.request(
          `/u/Ada/collections/${/\/(\d+)/.exec(location)![1]}-script-alert-x-script-img-src-x-onerror-alert-1`,
        )
      ).text()
      expect(page).not.toContain('<b>bold</b>')
      expect(textOf(page)).toContain('<b>bold</b> & "quotes"')
    })
  })
})
