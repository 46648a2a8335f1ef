import pino from 'pino'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createApiToken } from '../src/community/accounts/api-tokens.js'
import { addComment, commentsByUser, setCommentHidden } from '../src/community/comments/store.js'
import type { CommentTables } from '../src/community/comments/schema.js'
import type { AccountTables } from '../src/community/schema.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { createRateLimits } from '../src/platform/http/rate-limit.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { discussionOf } from './support/discussion.js'
import { textOf } from './support/html.js'

const BASE_URL = 'https://papers.example.org'
const PAPER = '2401.00001'
const OTHER_PAPER = '2401.00002'
const MINUTE = 60_000

/**
 * Comments through the site's own routes (app.request) on both databases: what a reader sees on a
 * paper's page, what the forms and the write API let each member do, and what they refuse.
 */
describeEachDatabase('comments', (db) => {
  let app: ReturnType<typeof createApp>
  // The app's clock: real time (sessions expire by it) moved forward by `later` to pass the edit window.
  let later = 0
  let admin: SignedIn
  let ada: SignedIn
  let bob: SignedIn
  let serial = 0

  beforeAll(async () => {
    await upsertPapers(db(), [
      { id: PAPER, title: 'Attention Again', abstract: 'We attend.', authors: ['Ann Author'] },
      { id: OTHER_PAPER, title: 'Another Paper', abstract: 'Elsewhere.', authors: ['Bo Author'] },
    ])
    admin = await signedInUser(db(), 'moderator') // the first account is the site's admin
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({
      config,
      db: db(),
      logger: pino({ level: 'silent' }),
      now: () => Date.now() + later,
      rateLimits: createRateLimits(),
    })
  })

  /** A member of their own, so that each test starts under the rate limits. */
  const member = (verified = true) => signedInUser(db(), `member${++serial}`, { verified })
  beforeEach(async () => {
    ada = await member()
    bob = await member()
  })

  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await app.request(path, { redirect: 'manual', ...init })
    expect(res.status, `${init?.method ?? 'GET'} ${path}`).toBeLessThan(500)
    return res
  }
  const post = (path: string, fields: Record<string, string>, who?: SignedIn) =>
    request(path, formPost(BASE_URL, fields, who))
  const pageAs = async (who?: SignedIn, query = '') => {
    const res = await request(`/papers/${PAPER}${query}`, who ? { headers: { cookie: who.cookie } } : undefined)
    expect(res.status).toBe(200)
    return discussionOf(await res.text())
  }
  /** Posts a comment as `who` and returns its id, read from the redirect to it. */
  async function comment(who: SignedIn, body: string, parent?: number, paper = PAPER): Promise<number> {
    const fields: Record<string, string> = parent ? { body, parent: String(parent) } : { body }
    const res = await post(`/papers/${paper}/comments`, fields, who)
    expect(res.status, await res.clone().text()).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(new RegExp(`^/papers/${paper}#comment-\\d+$`))
    return Number(location.split('#comment-')[1])
  }
  const numComments = async (paper = PAPER) =>
    ((await (await request(`/api/papers/${paper}`)).json()) as { numComments: number }).numComments
  const find = (comments: ReturnType<typeof discussionOf>['comments'], id: number): any => {
    for (const c of comments) {
      if (c.id === id) return c
      const inner = find(c.replies, id)
      if (inner) return inner
    }
    return undefined
  }

  describe('on the paper page', () => {
    it('invites an anonymous reader to log in and come back to the discussion', async () => {
      const shown = await pageAs()
      expect(shown.canComment).toBe(false)
      expect(shown.loginLink).toBe(`/login?next=${encodeURIComponent(`/papers/${PAPER}#discussion`)}`)
      const res = await post(`/papers/${PAPER}/comments`, { body: 'hello' })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/papers/${PAPER}#discussion`)}`)
    })

    it('asks a member who has not confirmed their address to do so first', async () => {
      const unconfirmed = await member(false)
      expect((await pageAs(unconfirmed)).canComment).toBe(false)
      const res = await post(`/papers/${PAPER}/comments`, { body: 'hello' }, unconfirmed)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Confirm your email address')
    })

    it('shows a comment and its replies nested, with the author, Markdown and the count', async () => {
      const before = await numComments()
      const first = await comment(ada, 'A *fine* result <script>window.__pwned=1</script>')
      const reply = await comment(bob, 'Agreed, see https://arxiv.org/abs/2401.00003', first)
      const deeper = await comment(ada, 'Thanks!', reply)
      const shown = await pageAs(ada)
      const thread = find(shown.comments, first)
      expect(thread.author).toBe(ada.user.username)
      expect(thread.profile).toBe(`/u/${ada.user.username}`)
      expect(thread.text).toBe('A fine result <script>window.__pwned=1</script>')
      expect(thread.replies.map((r: any) => r.id)).toEqual([reply])
      expect(thread.replies[0].replies.map((r: any) => r.id)).toEqual([deeper])
      expect(await numComments()).toBe(before + 3)
      const html = await (await request(`/papers/${PAPER}`)).text()
      expect(html).toContain('<em>fine</em>')
      expect(html).not.toContain('<script>window.__pwned')
      expect(html).toContain('href="https://arxiv.org/abs/2401.00003" rel="nofollow ugc noopener"')
      expect(shown.heading).toMatch(/^Discussion \d+ comments$/)
    })

    it('offers reply, edit and delete on your own new comment, and only reply on another’s', async () => {
      const mine = await comment(ada, 'Mine')
      expect(find((await pageAs(ada)).comments, mine).controls).toEqual(['Reply', 'Edit', 'Delete'])
      expect(find((await pageAs(bob)).comments, mine).controls).toEqual(['Reply'])
      expect(find((await pageAs()).comments, mine).controls).toEqual([])
    })

    it('orders threads oldest first by default, newest first, or by replies', async () => {
      const paper = '2401.00009'
      await upsertPapers(db(), [{ id: paper, title: 'Ordering', abstract: 'x' }])
      const writer = await member()
      const a = await comment(writer, 'a', undefined, paper)
      const b = await comment(writer, 'b', undefined, paper)
      await comment(writer, 'b1', b, paper)
      const c = await comment(writer, 'c', undefined, paper)
      const order = async (query: string) => {
        const res = await request(`/papers/${paper}${query}`)
        return discussionOf(await res.text()).comments.map((x) => x.id)
      }
      expect(await order('')).toEqual([a, b, c])
      expect(await order('?comments=oldest')).toEqual([a, b, c])
      expect(await order('?comments=newest')).toEqual([c, b, a])
      expect(await order('?comments=top')).toEqual([b, c, a])
      const html = await (await request(`/papers/${paper}?comments=top`)).text()
      expect(html).toContain('Oldest first (default)')
      expect(html).toMatch(/<a href="\/papers\/2401\.00009\?comments=top#discussion" aria-current="true">Top<\/a>/)
      expect((await request(`/papers/${paper}?comments=best`)).status).toBe(400)
    })
  })

  describe('edit', () => {
    it('changes your comment within 15 minutes and marks it edited', async () => {
      const id = await comment(ada, 'Typo hree')
      // An anonymous reader's page is cached (from its second reading): the edit must show on it at once.
      for (let i = 0; i < 2; i++) expect(find((await pageAs()).comments, id).text).toBe('Typo hree')
      const res = await post(`/comments/${id}/edit`, { body: 'Typo here' }, ada)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/papers/${PAPER}#comment-${id}`)
      const html = await (await request(`/papers/${PAPER}`)).text()
      expect(find(discussionOf(html).comments, id).text).toBe('Typo here')
      expect(html).toMatch(new RegExp(`id="comment-${id}"[\\s\\S]*?<span class="comment-note">edited</span>`))
    })

    it('is gone after 15 minutes, and the server refuses with 403', async () => {
      const id = await comment(ada, 'Old words')
      later = 15 * MINUTE
      try {
        expect(find((await pageAs(ada)).comments, id).controls).toEqual(['Reply', 'Delete'])
        const res = await post(`/comments/${id}/edit`, { body: 'New words' }, ada)
        expect(res.status).toBe(403)
        expect(await res.text()).toContain('15 minutes')
      } finally {
        later = 0
      }
      expect(find((await pageAs()).comments, id).text).toBe('Old words')
    })

    it('refuses another member’s comment with 403', async () => {
      const id = await comment(ada, 'Ada’s words')
      expect((await post(`/comments/${id}/edit`, { body: 'Bob’s now' }, bob)).status).toBe(403)
      expect((await post(`/comments/${id}/edit`, { body: 'Admin’s now' }, admin)).status).toBe(403)
      expect(find((await pageAs()).comments, id).text).toBe('Ada’s words')
    })

    it('sends an anonymous reader to log in, and refuses a forged form', async () => {
      const id = await comment(ada, 'Guarded')
      const anon = await post(`/comments/${id}/edit`, { body: 'x' })
      expect(anon.status).toBe(303)
      expect(anon.headers.get('location')).toContain('/login?next=')
      const forged = formPost(BASE_URL, { body: 'x', _csrf: 'not-the-token' })
      const res = await request(`/comments/${id}/edit`, {
        ...forged,
        headers: { ...(forged.headers as Record<string, string>), cookie: ada.cookie },
      })
      expect(res.status).toBe(403)
      const crossSite = await request(`/comments/${id}/delete`, {
        ...formPost('https://evil.example', {}, ada),
      })
      expect(crossSite.status).toBe(403)
      expect(find((await pageAs()).comments, id).text).toBe('Guarded')
    })
  })

  describe('delete', () => {
    it('leaves "[comment deleted]" where replies hang, and counts it off', async () => {
      const parent = await comment(ada, 'To be deleted')
      const reply = await comment(bob, 'A reply that stays', parent)
      const before = await numComments()
      const res = await post(`/comments/${parent}/delete`, {}, ada)
      expect(res.status).toBe(303)
      const shown = find((await pageAs()).comments, parent)
      expect(shown.text).toBe('[comment deleted]')
      expect(shown.author).toBe('[deleted]')
      expect(shown.replies.map((r: any) => r.id)).toEqual([reply])
      expect(await numComments()).toBe(before - 1)
      // Again: harmless, and counted off once.
      expect((await post(`/comments/${parent}/delete`, {}, ada)).status).toBe(303)
      expect(await numComments()).toBe(before - 1)
    })

    it('removes a comment nobody answered', async () => {
      const id = await comment(ada, 'Gone soon')
      await post(`/comments/${id}/delete`, {}, ada)
      expect(find((await pageAs()).comments, id)).toBeUndefined()
    })

    it('refuses another member’s comment with 403', async () => {
      const id = await comment(ada, 'Not Bob’s')
      expect((await post(`/comments/${id}/delete`, {}, bob)).status).toBe(403)
      expect(find((await pageAs()).comments, id).text).toBe('Not Bob’s')
    })

    it('answers 404 for a comment that does not exist', async () => {
      for (const id of ['999999', '0', 'abc', '99999999999999999999', '-1'])
        expect((await post(`/comments/${id}/delete`, {}, ada)).status).toBe(404)
    })
  })

  describe('bad input', () => {
    it.each([
      ['an empty comment', { body: '   ' }, 400, 'empty'],
      ['a comment past 10,000 characters', { body: 'x'.repeat(10_001) }, 400, '10,000'],
      ['a NUL byte', { body: 'a\u0000b' }, 400, 'NUL'],
      ['a reply to nothing', { body: 'x', parent: '999999' }, 400, 'same paper'],
      ['a reply to a number past int4', { body: 'x', parent: '99999999999' }, 400, 'not a comment id'],
      ['a missing body', {}, 400, 'empty'],
    ])('refuses %s with a clear 4xx', async (_, fields, status, words) => {
      const res = await post(`/papers/${PAPER}/comments`, fields as Record<string, string>, await member())
      expect(res.status).toBe(status)
      expect(await res.text()).toContain(words)
    })

    it('refuses a reply to a comment of another paper', async () => {
      const elsewhere = await comment(ada, 'On the other paper', undefined, OTHER_PAPER)
      const res = await post(`/papers/${PAPER}/comments`, { body: 'x', parent: String(elsewhere) }, ada)
      expect(res.status).toBe(400)
    })

    it('answers 404 for a paper the catalog lacks or an id that is not one', async () => {
      const who = await member()
      expect((await post('/papers/2401.99999/comments', { body: 'x' }, who)).status).toBe(404)
      expect((await post('/papers/2401.00001v2/comments', { body: 'x' }, who)).status).toBe(404)
      expect((await post('/papers/nonsense/comments', { body: 'x' }, who)).status).toBe(404)
    })

    it('refuses a comment past the limit of 10 a minute with 429 and Retry-After', async () => {
      const chatty = await member()
      for (let i = 0; i < 10; i++) await comment(chatty, `comment ${i}`)
      const res = await post(`/papers/${PAPER}/comments`, { body: 'one too many' }, chatty)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await res.text()).toContain('too fast')
    })
  })

  describe('counts', () => {
    it('show on listings and in the API: the imported count plus local comments', async () => {
      const day = '2026-08-20'
      const featured = '2408.00777'
      await upsertPapers(db(), [
        {
          id: featured,
          title: 'Featured and Discussed',
          abstract: 'x',
          counts: { upvotes: 5, numComments: 4 },
          observedAt: `${day}T08:00:00.000Z`,
          featuring: {
            featuredOn: day,
            source: 'hf',
            position: 0,
            submittedBy: null,
            submittedAt: `${day}T08:00:00.000Z`,
          },
        },
      ])
      const shown = async () => {
        const api = (await (await request(`/api/daily_papers?date=${day}`)).json()) as Record<string, any>[]
        const listing = await (await request(`/papers/date/${day}`)).text()
        return [api.find((i) => i.paper.id === featured)?.numComments, /(\d+) comments/.exec(listing)?.[1]]
      }
      expect(await shown()).toEqual([4, '4'])
      const id = await comment(ada, 'one', undefined, featured)
      await comment(bob, 'two', undefined, featured)
      expect(await shown()).toEqual([6, '6'])
      await post(`/comments/${id}/delete`, {}, ada)
      expect(await shown()).toEqual([5, '5'])
      // The paper's page says where the rest of its total is.
      const html = await (await request(`/papers/${featured}`)).text()
      expect(textOf(html)).toContain('Discussion 1 comment And 4 comments on Hugging Face')
      expect(html).toContain(`<a href="https://huggingface.co/papers/${featured}">Hugging Face</a>, counted`)
    })
  })

  describe('under concurrency', () => {
    it('counts 50 comments posted at once, and 25 deleted at once, exactly', async () => {
      const paper = '2401.00050'
      await upsertPapers(db(), [{ id: paper, title: 'Busy', abstract: 'x' }])
      const people = await Promise.all(Array.from({ length: 50 }, () => member()))
      const ids = await Promise.all(people.map((p, i) => comment(p, `comment ${i}`, undefined, paper)))
      expect(new Set(ids).size).toBe(50)
      expect(await numComments(paper)).toBe(50)
      await Promise.all(
        people.slice(0, 25).flatMap((p, i) => [0, 1].map(() => post(`/comments/${ids[i]}/delete`, {}, p))),
      )
      expect(await numComments(paper)).toBe(25)
      expect(discussionOf(await (await request(`/papers/${paper}`)).text()).comments).toHaveLength(25)
    })
  })

  describe('what others see', () => {
    it('shows "[deleted]" as the author once the account is deleted', async () => {
      const leaving = await member()
      const id = await comment(leaving, 'My last words')
      await db()
        .kysely.withTables<AccountTables>()
        .updateTable('users')
        .set({ deleted_at: new Date().toISOString() })
        .where('id', '=', leaving.user.id)
        .execute()
      const shown = find((await pageAs()).comments, id)
      expect(shown.author).toBe('[deleted]')
      expect(shown.profile).toBeNull()
      expect(shown.text).toBe('My last words')
    })

    it('shows a hidden comment as "[hidden by a moderator]" to all but admins', async () => {
      const id = await comment(bob, 'Spam spam spam')
      const before = await numComments()
      expect(await setCommentHidden(db(), id, true, Date.now())).toBe(true)
      expect(await setCommentHidden(db(), id, true, Date.now())).toBe(false)
      expect(await numComments()).toBe(before - 1)
      expect(find((await pageAs()).comments, id).text).toBe('[hidden by a moderator]')
      expect(find((await pageAs(bob)).comments, id).text).toBe('[hidden by a moderator]')
      expect(find((await pageAs(admin)).comments, id).text).toContain('Spam spam spam')
      expect((await post(`/comments/${id}/edit`, { body: 'sneaky' }, bob)).status).toBe(403)
      expect(await setCommentHidden(db(), id, false, Date.now())).toBe(true)
      expect(await numComments()).toBe(before)
      expect(find((await pageAs()).comments, id).text).toBe('Spam spam spam')
    })

    it('lists a member’s live comments for their profile, newest first', async () => {
      const who = await member()
      const a = await addComment(db(), { paperId: PAPER, userId: who.user.id, body: 'first' }, Date.now())
      const b = await addComment(db(), { paperId: OTHER_PAPER, userId: who.user.id, body: 'second' }, Date.now())
      const gone = await comment(who, 'deleted one')
      await post(`/comments/${gone}/delete`, {}, who)
      const listed = await commentsByUser(db(), who.user.id, { limit: 10, offset: 0 })
      expect(listed.map((c) => [c.id, c.paperTitle])).toEqual([
        [b.id, 'Another Paper'],
        [a.id, 'Attention Again'],
      ])
      expect((await commentsByUser(db(), who.user.id, { limit: 1, offset: 1 })).map((c) => c.id)).toEqual([a.id])
    })

    it('keeps the database’s rows as the pages say', async () => {
      const rows = await db().kysely.withTables<CommentTables>().selectFrom('comments').select('id').execute()
      expect(rows.length).toBeGreaterThan(10)
    })
  })

  describe('write API', () => {
    let adaToken: string
    let bobToken: string
    beforeEach(async () => {
      const now = new Date().toISOString()
      adaToken = (await createApiToken(db(), ada.user.id, 'tests', now)).token
      bobToken = (await createApiToken(db(), bob.user.id, 'tests', now)).token
    })
    const api = (path: string, method: string, token?: string, body?: unknown) =>
      request(path, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })

    it('comments, replies, edits and deletes with a token', async () => {
      const created = await api(`/api/v1/papers/${PAPER}/comments`, 'POST', adaToken, { body: 'Via the *API*' })
      expect(created.status).toBe(201)
      const c = (await created.json()) as Record<string, any>
      expect(c).toMatchObject({
        paper_id: PAPER,
        parent_id: null,
        author: {
          username: ada.user.username,
          display_name: ada.user.username,
          avatar_url: `${BASE_URL}/avatars/${ada.user.username}.svg`,
        },
        body: 'Via the *API*',
        body_html: '<p>Via the <em>API</em></p>\n',
        deleted: false,
        hidden: false,
        url: `${BASE_URL}/papers/${PAPER}#comment-${c.id}`,
      })
      expect(created.headers.get('location')).toBe(`/api/v1/comments/${c.id}`)
      const reply = await api(`/api/v1/papers/${PAPER}/comments`, 'POST', bobToken, { body: 'Re', parent_id: c.id })
      expect(reply.status).toBe(201)
      const edited = await api(`/api/v1/comments/${c.id}`, 'PATCH', adaToken, { body: 'Via the API, edited' })
      expect(edited.status).toBe(200)
      expect(((await edited.json()) as any).edited_at).not.toBeNull()
      expect((await api(`/api/v1/comments/${c.id}`, 'DELETE', adaToken)).status).toBe(204)
      const list = (await (await api(`/api/v1/papers/${PAPER}/comments?sort=newest`, 'GET')).json()) as any
      expect(list.order).toBe('newest')
      const listed = list.comments.find((x: any) => x.id === c.id)
      expect(listed).toMatchObject({ deleted: true, body: '', body_html: '', author: null })
      const replyId = ((await reply.json()) as any).id
      const index = list.comments.findIndex((x: any) => x.id === c.id)
      expect(list.comments[index + 1].id).toBe(replyId)
    })

    it('refuses another member’s comment with 403, and no token with 401', async () => {
      const c = (await (
        await api(`/api/v1/papers/${PAPER}/comments`, 'POST', adaToken, { body: 'Ada’s' })
      ).json()) as any
      expect((await api(`/api/v1/comments/${c.id}`, 'PATCH', bobToken, { body: 'Bob’s' })).status).toBe(403)
      expect((await api(`/api/v1/comments/${c.id}`, 'DELETE', bobToken)).status).toBe(403)
      expect((await api(`/api/v1/comments/${c.id}`, 'DELETE')).status).toBe(401)
      expect((await api(`/api/v1/papers/${PAPER}/comments`, 'POST', undefined, { body: 'x' })).status).toBe(401)
    })

    it.each([
      ['not JSON', '{"body": ', 400],
      ['no body', {}, 400],
      ['a number as body', { body: 5 }, 400],
      ['an unknown field', { body: 'x', extra: 1 }, 400],
      ['a lone surrogate', '{"body": "a\\ud800b"}', 400],
      ['a NUL byte', '{"body": "a\\u0000b"}', 400],
      ['a parent id past int4', { body: 'x', parent_id: 2 ** 40 }, 400],
      ['a fractional parent id', { body: 'x', parent_id: 1.5 }, 400],
    ])('refuses %s with a JSON error', async (_, body, status) => {
      const res = await api(`/api/v1/papers/${PAPER}/comments`, 'POST', adaToken, body)
      expect(res.status).toBe(status)
      expect(((await res.json()) as any).error).toBeTruthy()
    })

    it('answers 404 for a missing paper or comment and 400 for an unknown order', async () => {
      expect((await api('/api/v1/papers/2401.99999/comments', 'POST', adaToken, { body: 'x' })).status).toBe(404)
      expect((await api('/api/v1/comments/99999999999', 'PATCH', adaToken, { body: 'x' })).status).toBe(404)
      expect((await api('/api/v1/comments/424242', 'DELETE', adaToken)).status).toBe(404)
      expect((await api(`/api/v1/papers/${PAPER}/comments?sort=best`, 'GET')).status).toBe(400)
      expect((await api('/api/v1/papers/2401.99999/comments', 'GET')).status).toBe(404)
    })
  })
})
