import { beforeAll, describe, expect, it } from 'vitest'
import type { PaperRecord } from '../src/papers/model.js'
import { markWithdrawn, upsertPapers } from '../src/papers/upsert.js'
import { addToCollection, createCollection } from '../src/community/collections/store.js'
import { listFollows, markSeen } from '../src/follows/store.js'
import { TEST_PASSWORD } from './support/accounts.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import type { FollowTables } from '../src/follows/schema.js'

/** Following authors, categories, searches and collections, and the author pages that offer it. */

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString()

export const paper = (
  id: string,
  authors: string[],
  opts: { categories?: string[]; title?: string; publishedAt?: string; version?: number } = {},
): PaperRecord => ({
  id,
  title: opts.title ?? `A study numbered ${id}`,
  abstract: 'We study things and report what we found.',
  publishedAt: opts.publishedAt ?? day(-1),
  categories: opts.categories ?? ['cs.LG'],
  authors,
  ...(opts.version && { version: opts.version }),
})

const ADA = 'Ada Lovelace'
const NAMESAKE_PAPER = '2611.00003'

describeEachDatabase('follows', (db) => {
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  let bob: SignedIn
  beforeAll(async () => {
    app = communityApp(db(), Date.now)
    ada = await signedInUser(db(), 'ada')
    bob = await signedInUser(db(), 'bob')
    const result = await upsertPapers(db(), [
      paper('2611.00001', [ADA, 'Charles Babbage'], { publishedAt: day(-3), title: 'Engines of analysis' }),
      paper('2611.00002', ['Charles Babbage', ADA], { publishedAt: day(-2), categories: ['cs.LG', 'math.NA'] }),
      // A namesake: another Ada Lovelace, in physics, with other co-authors.
      paper(NAMESAKE_PAPER, [ADA, 'Marie Curie'], { publishedAt: day(-1), categories: ['physics.optics'] }),
    ])
    expect(result.problems).toEqual([])
  })
  const post = (path: string, fields: Record<string, string>, who?: SignedIn) =>
    app.request(path, formPost(BASE_URL, fields, who))
  const page = async (path: string, who?: SignedIn) => {
    const res = await app.request(path, who ? { headers: { cookie: who.cookie } } : {})
    return { status: res.status, html: await res.text(), res }
  }

  describe('author page', () => {
    it('lists the papers under a name, newest first, with its frequent co-authors and categories', async () => {
      const { status, html } = await page('/authors/Ada%20Lovelace')
      expect(status).toBe(200)
      const text = textOf(html)
      expect(text).toContain('3 papers under this name')
      expect(html.indexOf(NAMESAKE_PAPER)).toBeLessThan(html.indexOf('2611.00001'))
      expect(text).toContain('Charles Babbage (co-author, 2 papers)')
      expect(text).toContain('cs.LG (category, 2 papers)')
      expect(html).toContain('<link rel="alternate" type="application/atom+xml"')
      expect(html).toContain('href="/authors/Ada%20Lovelace/feed.rss"')
    })

    it('is linked from the names on a paper page', async () => {
      const { html } = await page('/papers/2611.00001')
      expect(html).toContain('<a href="/authors/Ada%20Lovelace">Ada Lovelace</a>')
    })

    it('sends a spelling with extra spaces to the one address, and answers 404 for a name without papers', async () => {
      const { res } = await page('/authors/%20Ada%20%20Lovelace')
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe('/authors/Ada%20Lovelace')
      expect((await page('/authors/Nobody%20Here')).status).toBe(404)
    })

    it('refuses names no author has: control characters, 10 KB', async () => {
      expect((await page('/authors/Ada%00Lovelace')).status).toBe(400)
      expect((await page(`/authors/${'a'.repeat(10_000)}`)).status).toBeGreaterThanOrEqual(400)
      expect((await page(`/authors/${'a'.repeat(10_000)}`)).status).toBeLessThan(500)
    })

    it('offers the name in three feed formats', async () => {
      for (const [file, type] of [
        ['feed.rss', 'application/rss+xml'],
        ['feed.atom', 'application/atom+xml'],
        ['feed.json', 'application/feed+json'],
      ]) {
        const { res, html } = await page(`/authors/Ada%20Lovelace/${file}`)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toContain(type)
        expect(html).toContain('Engines of analysis')
        expect(html).toContain('Papers by Ada Lovelace')
      }
    })
  })

  describe('following', () => {
    it('follows an author from the author page, only papers with a ticked co-author, and unfollows', async () => {
      const res = await post(
        '/follows',
        { kind: 'author', target: ADA, with_1: 'Charles Babbage', next: '/authors/Ada%20Lovelace' },
        ada,
      )
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/authors/Ada%20Lovelace')
      const follows = await listFollows(db(), ada.user.id)
      expect(follows).toMatchObject([{ kind: 'author', target: ADA, label: ADA, qualifiers: ['Charles Babbage'] }])
      const { html } = await page('/authors/Ada%20Lovelace', ada)
      expect(textOf(html)).toContain('You follow this name’s papers with Charles Babbage')
      expect(html).toMatch(/aria-pressed="true"[^>]*>Following/)
      // Twice is harmless; the second one changes how.
      expect((await post('/follows', { kind: 'author', target: ADA }, ada)).status).toBe(303)
      expect((await listFollows(db(), ada.user.id)).map((f) => f.qualifiers)).toEqual([[]])
      expect((await post('/follows/remove', { kind: 'author', target: ADA }, ada)).status).toBe(303)
      expect((await post('/follows/remove', { kind: 'author', target: ADA }, ada)).status).toBe(303)
      expect(await listFollows(db(), ada.user.id)).toEqual([])
    })

    it('sends a logged-out reader to log in and back', async () => {
      const res = await post('/follows', { kind: 'category', target: 'cs.LG', next: '/search?q=x' })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/search?q=x')}`)
    })

    it('refuses a form without the CSRF token', async () => {
      const init = formPost(BASE_URL, { kind: 'category', target: 'cs.LG' }, bob)
      const body = new URLSearchParams(init.body as string)
      body.delete('_csrf')
      expect((await app.request('/follows', { ...init, body: body.toString() })).status).toBe(403)
      expect(await listFollows(db(), bob.user.id)).toEqual([])
    })

    it('follows a category, a search in its canonical form and a public collection', async () => {
      expect((await post('/follows', { kind: 'category', target: 'cs.LG' }, bob)).status).toBe(303)
      const search = 'page=2&sort=newest&q=diffusion&category=cs.LG'
      expect((await post('/follows', { kind: 'search', target: search }, bob)).status).toBe(303)
      expect((await post('/follows', { kind: 'search', target: 'category=cs.LG&q=diffusion' }, bob)).status).toBe(303)
      const follows = await listFollows(db(), bob.user.id)
      expect(follows.map((f) => [f.kind, f.target, f.label])).toEqual([
        ['search', 'q=diffusion&category=cs.LG', '“diffusion” in cs.LG'],
        ['category', 'cs.lg', 'cs.LG'],
      ])
    })

    it('answers 400 to what cannot be followed, and 404 to a private collection', async () => {
      const bad: Record<string, string>[] = [
        { kind: 'planet', target: 'Mars' },
        { kind: 'category', target: '<script>alert(1)</script>' },
        { kind: 'category', target: "cs.LG'; drop table follows; --" },
        { kind: 'search', target: '' },
        { kind: 'search', target: `q=${'x'.repeat(10_000)}` },
        { kind: 'author', target: 'Ada\u0000Lovelace' },
        { kind: 'author', target: 'x'.repeat(10_000) },
        { kind: 'author', target: '   ' },
        { kind: 'author', target: ADA, with_1: 'Bad\u0000name' },
        { kind: 'collection', target: 'one' },
      ]
      for (const fields of bad) {
        const res = await post('/follows', fields, bob)
        expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(400)
      }
      expect((await post('/follows', { kind: 'collection', target: '999' }, bob)).status).toBe(404)
    })

    it('stores markup in a name as text and shows it escaped', async () => {
      const name = '<img src=x onerror=alert(1)> Mallory'
      expect((await post('/follows', { kind: 'author', target: name }, bob)).status).toBe(303)
      const follows = await listFollows(db(), bob.user.id)
      expect(follows.find((f) => f.kind === 'author')?.target).toBe(name)
    })
  })

  describe('Following page', () => {
    let cy: SignedIn
    beforeAll(async () => {
      cy = await signedInUser(db(), 'cy')
    })
    const following = async () => textOf((await page('/following', cy)).html)

    it('tells a reader who follows nothing how to follow things', async () => {
      const text = await following()
      expect(text).toContain('You follow nothing yet')
      expect(text).toContain('0 new papers since the last 7 days')
      const anonymous = await page('/following')
      expect(anonymous.status).toBe(303)
    })

    it('lists new papers of each follow with why, then nothing once marked as seen', async () => {
      await post('/follows', { kind: 'author', target: ADA, with_1: 'Charles Babbage' }, cy)
      await post('/follows', { kind: 'category', target: 'physics' }, cy)
      await post('/follows', { kind: 'search', target: 'q=analysis' }, cy)
      const owner = await signedInUser(db(), 'dee')
      const group = await createCollection(
        db(),
        owner.user.id,
        { name: 'Reading group', description: '', isPublic: true },
        new Date().toISOString(),
      )
      await post('/follows', { kind: 'collection', target: String(group.id) }, cy)
      await addToCollection(db(), group.id, '2611.00002', new Date().toISOString())

      const { html } = await page('/following', cy)
      const text = textOf(html)
      expect(text).toContain('3 new papers')
      expect(text).toContain('Author: Ada Lovelace (with co-author Charles Babbage)')
      expect(text).toContain('Category: physics')
      expect(text).toContain('Search: “analysis” (matched terms: analysis)')
      expect(text).toContain('Collection: Reading group')
      expect(html).toContain(`href="/u/dee/collections/${group.id}-reading-group"`)
      // The namesake's paper is here for the category, not for the author (no shared co-author).
      const namesake = html.slice(html.indexOf(NAMESAKE_PAPER), html.indexOf('</li>', html.indexOf(NAMESAKE_PAPER)))
      expect(textOf(namesake)).toContain('Category: physics')
      expect(textOf(namesake)).not.toContain('Author:')

      const shownAt = /name="shown_at" value="([^"]+)"/.exec(html)![1]!
      expect((await post('/following/seen', { shown_at: shownAt }, cy)).status).toBe(303)
      const after = await following()
      expect(after).toContain('Nothing new since you last looked')
      expect(after).not.toContain('Engines of analysis')
    })

    it('marks as seen a paper added in the very millisecond the page was drawn', async () => {
      // A clock that stands still: the collection's paper, the page and the mark share one millisecond.
      const at = Date.parse('2026-12-03T12:00:00.000Z')
      const frozen = communityApp(db(), () => at)
      const mo = await signedInUser(db(), 'mo')
      const group = await createCollection(
        db(),
        mo.user.id,
        { name: 'Same millisecond', description: '', isPublic: true },
        new Date(at).toISOString(),
      )
      expect(
        (await frozen.request('/follows', formPost(BASE_URL, { kind: 'collection', target: String(group.id) }, mo)))
          .status,
      ).toBe(303)
      await addToCollection(db(), group.id, '2611.00001', new Date(at).toISOString())
      const look = async () => (await frozen.request('/following', { headers: { cookie: mo.cookie } })).text()
      const html = await look()
      expect(textOf(html)).toContain('1 new paper')
      const shownAt = /name="shown_at" value="([^"]+)"/.exec(html)![1]!
      expect(shownAt).toBe(new Date(at).toISOString())
      expect((await frozen.request('/following/seen', formPost(BASE_URL, { shown_at: shownAt }, mo))).status).toBe(303)
      expect(textOf(await look())).toContain('Nothing new since you last looked')
    })

    it('shows a paper that arrives later, and flags a new version and a withdrawal of a paper seen before', async () => {
      await post('/following/seen', {}, cy)
      await new Promise((r) => setTimeout(r, 5))
      await upsertPapers(db(), [
        paper('2611.00010', ['Charles Babbage', ADA], { title: 'A later engine' }),
        {
          ...paper('2611.00001', [ADA, 'Charles Babbage'], { title: 'Engines of analysis' }),
          version: 2,
          updatedAt: new Date().toISOString(),
        },
      ])
      await markWithdrawn(db(), ['2611.00002'])
      const { html } = await page('/following', cy)
      const text = textOf(html)
      expect(text).toContain('A later engine')
      expect(text).toMatch(/Engines of analysis .*New version v2/)
      expect(html).toContain('href="https://arxiv.org/abs/2611.00001v2"')
      expect(text).toContain('Withdrawn')
    })
  })

  describe('author names on the Following page', () => {
    it('matches a followed name as alerts read it (case, initials, BibTeX order, accents) and shows it as printed', async () => {
      const gil = await signedInUser(db(), 'gil')
      await post('/follows', { kind: 'author', target: 'yann lecun' }, gil)
      await post('/follows', { kind: 'author', target: 'Bernhard Scholkopf', with_1: 'Yann LeCun' }, gil)
      await upsertPapers(db(), [
        paper('2611.00020', ['Yann LeCun', 'Léon Bottou'], { title: 'Gradient learning' }),
        paper('2611.00021', ['LeCun, Y.'], { title: 'Convolutional networks' }),
        paper('2611.00022', ['Yves LeCun'], { title: 'A namesake of LeCun' }),
        paper('2611.00023', ['Bernhard Schölkopf', 'Y. LeCun'], { title: 'Kernels' }),
        paper('2611.00024', ['Bernhard Schölkopf'], { title: 'Kernels without a co-author ticked' }),
      ])
      const text = textOf((await page('/following', gil)).html).replaceAll(' ,', ',') // a link's end reads as a space
      expect(text).toContain('Author: yann lecun, as “Yann LeCun”')
      expect(text).toContain('Author: yann lecun, as “LeCun, Y.”')
      expect(text).toContain('Author: yann lecun, as “Y. LeCun”')
      expect(text).toContain('Author: Bernhard Scholkopf, as “Bernhard Schölkopf” (with co-author Y. LeCun)')
      expect(text).not.toContain('A namesake of LeCun')
      expect(text).not.toContain('Kernels without a co-author ticked')
    })

    it('shows another spelling’s follow on the author page, and unfollows that follow from there', async () => {
      const hal = await signedInUser(db(), 'halley')
      await post('/follows', { kind: 'author', target: 'yann lecun' }, hal)
      const { html } = await page('/authors/Yann%20LeCun', hal)
      expect(textOf(html)).toContain('You followed it as “yann lecun”')
      expect(html).toContain('aria-pressed="true"')
      const target = /name="target" value="([^"]+)"/.exec(html.slice(html.indexOf('action="/follows/remove"')))![1]!
      expect(target).toBe('yann lecun')
      await post('/follows/remove', { kind: 'author', target, next: '/authors/Yann%20LeCun' }, hal)
      expect(await listFollows(db(), hal.user.id)).toEqual([])
    })
  })

  describe('follows settings', () => {
    let eve: SignedIn
    beforeAll(async () => {
      eve = await signedInUser(db(), 'eve')
      await post('/follows', { kind: 'category', target: 'cs.LG' }, eve)
      await post('/follows', { kind: 'author', target: '<b>Mallory</b> & Co' }, eve)
    })

    it('lists each follow with its alert, escaped, and saves a new cadence', async () => {
      const { status, html } = await page('/settings/follows', eve)
      expect(status).toBe(200)
      expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; Co')
      expect(html).not.toContain('<b>Mallory</b>')
      const [author] = await listFollows(db(), eve.user.id)
      expect(author).toMatchObject({ kind: 'author', alert: 'off', alertEmail: true })
      const res = await post(`/settings/follows/${author!.id}`, { alert: 'weekly' }, eve)
      expect(res.status).toBe(303)
      expect(textOf((await page(res.headers.get('location')!, eve)).html)).toContain('Alert saved.')
      expect((await listFollows(db(), eve.user.id))[0]).toMatchObject({ alert: 'weekly', alertEmail: false })
      await post(`/settings/follows/${author!.id}`, { alert: 'instant', email: '1' }, eve)
      expect((await listFollows(db(), eve.user.id))[0]).toMatchObject({ alert: 'instant', alertEmail: true })
    })

    it("refuses a cadence it does not know and another member's follow", async () => {
      const [follow] = await listFollows(db(), eve.user.id)
      for (const alert of ['hourly', '', 'x'.repeat(10_000), 'daily\u0000']) {
        expect((await post(`/settings/follows/${follow!.id}`, { alert }, eve)).status).toBe(400)
      }
      expect((await post(`/settings/follows/${follow!.id}`, { alert: 'daily' }, bob)).status).toBe(404)
      expect((await post('/settings/follows/abc', { alert: 'daily' }, eve)).status).toBe(404)
      expect((await listFollows(db(), eve.user.id))[0]!.alert).toBe('instant')
    })

    it('forgets every follow when the member deletes their account', async () => {
      await markSeen(db(), eve.user.id, new Date().toISOString())
      const res = await post('/settings/delete', { password: TEST_PASSWORD }, eve)
      expect(res.status).toBe(303)
      expect(await listFollows(db(), eve.user.id)).toEqual([])
      const seen = await db()
        .kysely.withTables<FollowTables>()
        .selectFrom('following_seen')
        .selectAll()
        .where('user_id', '=', eve.user.id)
        .execute()
      expect(seen).toEqual([])
    })
  })

  describe('Follow buttons elsewhere', () => {
    let fay: SignedIn
    beforeAll(async () => {
      fay = await signedInUser(db(), 'fay')
    })

    it('offers to follow a search and the category it names, and shows which are followed', async () => {
      const path = '/search?q=study+cat%3Amath.na&sort=newest'
      const before = (await page(path, fay)).html
      expect(textOf(before)).toContain('Follow this search')
      expect(textOf(before)).toContain('Follow math.NA')
      const target = /name="kind" value="search"\/><input type="hidden" name="target" value="([^"]+)"/.exec(before)![1]!
      expect(target).toBe('q=study+cat%3Amath.na')
      await post('/follows', { kind: 'search', target: target.replace(/&amp;/g, '&') }, fay)
      await post('/follows', { kind: 'category', target: 'math.NA' }, fay)
      const after = textOf((await page(path, fay)).html)
      expect(after).toContain('Following this search')
      expect(after).toContain('Following math.NA')
      // Anonymous readers get the same button, which leads them to log in.
      expect(textOf((await page(path)).html)).toContain('Follow this search')
    })

    it('offers to follow a category on its own page, and shows it followed', async () => {
      const hal = await signedInUser(db(), 'hal')
      expect(textOf((await page('/c/math.NA', hal)).html)).toContain('Follow math.NA')
      await post('/follows', { kind: 'category', target: 'math.NA' }, hal)
      expect(textOf((await page('/c/math.NA', hal)).html)).toContain('Following math.NA')
      expect(textOf((await page('/c/math.NA')).html)).toContain('Follow math.NA')
    })

    it("offers to follow a public collection, and flags its owner's papers that got a new version", async () => {
      const gus = await signedInUser(db(), 'gus')
      const added = new Date(Date.now() - 3 * 86_400_000).toISOString()
      const list = await createCollection(
        db(),
        gus.user.id,
        { name: 'Engines', description: '', isPublic: true },
        added,
      )
      await addToCollection(db(), list.id, '2611.00003', added)
      await upsertPapers(db(), [
        {
          ...paper(NAMESAKE_PAPER, [ADA, 'Marie Curie'], { categories: ['physics.optics'] }),
          version: 3,
          updatedAt: new Date().toISOString(),
        },
      ])
      const path = `/u/gus/collections/${list.id}-engines`
      expect(textOf((await page(path, fay)).html)).toContain('Follow this collection')
      expect(textOf((await page(path, fay)).html)).not.toContain('New version')
      const own = (await page(path, gus)).html
      expect(textOf(own)).toContain('New version v3')
      expect(own).toContain(`href="https://arxiv.org/abs/${NAMESAKE_PAPER}v3"`)
      expect(textOf(own)).not.toContain('Follow this collection')
    })
  })
})
