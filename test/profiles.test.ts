import { beforeAll, describe, expect, it } from 'vitest'
import { addComment } from '../src/community/comments/store.js'
import type { AccountTables } from '../src/community/schema.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, catalogPapers, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { tags, textOf } from './support/html.js'

/** Profiles at /u/{username}, and the avatars every member gets. */
const NOW = Date.parse('2026-03-04T12:00:00Z')
const FRESH = '2026-03-02T00:00:00Z'

describeEachDatabase('profiles', (db) => {
  const users = () => db().kysely.withTables<AccountTables>().updateTable('users')
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  let bob: SignedIn
  beforeAll(async () => {
    app = communityApp(db(), () => NOW)
    ada = await signedInUser(db(), 'Ada')
    await users().set({ created_at: '2025-11-15T09:00:00.000Z' }).where('id', '=', ada.user.id).execute()
    bob = await signedInUser(db(), 'bob')
    const ids = Array.from({ length: 12 }, (_, i) => `2603.${String(i + 1).padStart(5, '0')}`)
    await catalogPapers(
      db(),
      ids.map((id, i) => ({ id, publishedAt: FRESH, title: `Paper number ${i + 1}` })),
    )
    // Ada submits 5 (the day's limit) and comments on 12; one public and one private collection.
    for (const id of ids.slice(0, 5)) await app.request('/submit', formPost(BASE_URL, { paper: id }, ada))
    for (const [i, id] of ids.entries()) {
      await addComment(
        db(),
        { paperId: id, userId: ada.user.id, body: `Comment ${i + 1} <script>x</script>` },
        new Date(NOW + i * 1000).toISOString(),
      )
    }
    await app.request('/collections', formPost(BASE_URL, { name: 'Ada shares this', visibility: 'public' }, ada))
    await app.request('/collections', formPost(BASE_URL, { name: 'Ada keeps this', visibility: 'private' }, ada))
  })
  const page = async (path: string, who?: SignedIn) => {
    const res = await app.request(path, who ? { headers: { cookie: who.cookie } } : {})
    return { res, html: await res.text() }
  }

  it('shows avatar, name, member since, submitted papers, comments and public collections', async () => {
    const { res, html } = await page('/u/Ada')
    expect(res.status).toBe(200)
    const text = textOf(html)
    expect(text).toContain('Ada')
    expect(text).toContain('Member since November 2025')
    expect(tags(html, 'img').map((i) => i.src)).toContain('/avatars/ada.svg')
    for (let n = 1; n <= 5; n++) expect(text).toContain(`Paper number ${n}`)
    expect(text).toContain('Comment 12 <script>x</script>')
    expect(html).not.toContain('<script>x')
    expect(html).toContain('href="/papers/2603.00012#comment-')
    expect(text).toContain('Ada shares this')
    expect(text).not.toContain('Ada keeps this')
  })

  it('pages the comments ten at a time, keeping the other lists’ pages', async () => {
    const first = textOf((await page('/u/Ada')).html)
    expect(first).toContain('Comment 3 ')
    expect(first).not.toContain('Comment 2 ')
    const { html } = await page('/u/Ada?comments_page=2')
    expect(textOf(html)).toContain('Comment 2 ')
    expect(textOf(html)).toContain('Comment 1 ')
    expect(html).toContain('href="/u/Ada" rel="prev"')
    expect((await page('/u/Ada?comments_page=3')).html).toContain('No more comments.')
    for (const bad of ['0', '-1', 'x', '99999999999', '1%00']) {
      expect((await app.request(`/u/Ada?comments_page=${bad}`)).status, bad).toBe(400)
    }
  })

  it('answers 404 for unknown names, and sends other spellings to the one address', async () => {
    expect((await app.request('/u/nobody')).status).toBe(404)
    expect((await app.request(`/u/${'x'.repeat(10_000)}`)).status).toBe(404)
    expect((await app.request('/u/%3Cscript%3E')).status).toBe(404)
    const res = await app.request('/u/ada')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/u/Ada')
  })

  it('answers 404 for a deleted account', async () => {
    const gone = await signedInUser(db(), 'gone')
    await db()
      .kysely.withTables<{ users: { id: number; deleted_at: string | null } }>()
      .updateTable('users')
      .set({ deleted_at: new Date(NOW).toISOString() })
      .where('id', '=', gone.user.id)
      .execute()
    expect((await app.request('/u/gone')).status).toBe(404)
  })

  describe('upvoted papers', () => {
    it('are private until the member shows them, with a toggle on their own profile only', async () => {
      expect(textOf((await page('/u/bob')).html)).not.toContain('Upvoted papers')
      const own = await page('/u/bob', bob)
      expect(textOf(own.html)).toContain('Only you can see the papers you upvoted.')
      const res = await app.request('/u/bob/upvotes', formPost(BASE_URL, { public: '1' }, bob))
      expect(res.status).toBe(303)
      expect(textOf((await page('/u/bob')).html)).toContain('Upvoted papers')
      expect(textOf((await page('/u/bob', bob)).html)).toContain('Everyone can see the papers you upvoted.')
      await app.request('/u/bob/upvotes', formPost(BASE_URL, { public: '0' }, bob))
      expect(textOf((await page('/u/bob')).html)).not.toContain('Upvoted papers')
      expect(textOf((await page('/u/Ada', bob)).html)).not.toContain('Show my upvotes')
    })

    it('cannot be shown by anyone else: 403, and anonymous readers are sent to log in', async () => {
      const res = await app.request('/u/Ada/upvotes', formPost(BASE_URL, { public: '1' }, bob))
      expect(res.status).toBe(403)
      expect(textOf((await page('/u/Ada')).html)).not.toContain('Upvoted papers')
      const anonymous = await app.request('/u/Ada/upvotes', formPost(BASE_URL, { public: '1' }))
      expect(anonymous.status).toBe(303)
      expect(anonymous.headers.get('location')).toBe('/login?next=%2Fu%2FAda')
      expect((await app.request('/u/bob/upvotes', formPost(BASE_URL, { public: 'yes' }, bob))).status).toBe(400)
      expect(
        (await app.request('/u/bob/upvotes', formPost(BASE_URL, { public: '1', _csrf: 'forged' }, bob))).status,
      ).toBe(403)
    })
  })

  describe('avatars', () => {
    it('draws an SVG for any name, the same for every spelling, cached for a year', async () => {
      const res = await app.request('/avatars/ada.svg')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/svg+xml')
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const svg = await res.text()
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
      expect(svg).toContain('>A</text>')
      expect(await (await app.request('/avatars/ADA.svg')).text()).toBe(svg)
      const unknown = await app.request('/avatars/nobody-at-all.svg')
      expect(unknown.status).toBe(200)
      expect(await unknown.text()).not.toBe(svg)
    })

    it('draws hostile names as text, and refuses what is no avatar address', async () => {
      const svg = await (await app.request(`/avatars/${encodeURIComponent('<script>alert(1)</script>')}.svg`)).text()
      expect(svg).not.toContain('<script')
      expect((await app.request(`/avatars/${'x'.repeat(500)}.svg`)).status).toBe(404)
      expect((await app.request('/avatars/ada.png')).status).toBe(404)
      expect((await app.request('/avatars/.svg')).status).toBe(404)
    })
  })
})
