import { brotliDecompressSync } from 'node:zlib'
import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createApiToken } from '../src/community/accounts/api-tokens.js'
import { voteApiPaths } from '../src/community/votes/openapi.js'
import { VOTE_LIMIT } from '../src/community/votes/routes.js'
import type { VoteTables } from '../src/community/votes/schema.js'
import { removeVotesOf, setVote, votedPaperIds, votedPapers } from '../src/community/votes/store.js'
import { loadConfig } from '../src/config.js'
import { adjustActivity } from '../src/papers/activity.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { formPost, signedInUser, type SignedIn, TEST_PASSWORD } from './support/accounts.js'
import { decodeEntities, paperIdsIn } from './support/html.js'

const BASE_URL = 'https://papers.example.org'
const DAY = '2026-08-24'
const NOW = Date.parse(`${DAY}T12:00:00.000Z`)
const FAVOURITE = '2608.10001' // imported with 7 upvotes and 2 comments
const RIVAL = '2608.10002' // imported with 7 upvotes and 2 comments, featured an hour later
const OLD_STYLE = 'hep-th/9901001'

/** The vote button for `id` on a page: whether it is pressed, and its accessible name (its text). */
function voteButton(html: string, id: string): { pressed: boolean; name: string } {
  const form = new RegExp(`<form[^>]*action="/papers/${id}/vote"[^]*?</form>`).exec(html)?.[0]
  if (!form) throw new Error(`no vote button for ${id}`)
  const name = decodeEntities(form.replace(/<span class="arrow"[^]*?<\/span>/, '').replace(/<[^>]*>/g, ''))
  return { pressed: form.includes('aria-pressed="true"'), name: name.replace(/\s+/g, ' ').trim() }
}

const paper = (id: string, hour: number, extra: Partial<PaperRecord> = {}): PaperRecord => ({
  id,
  title: `Paper ${id}`,
  abstract: 'An abstract.',
  authors: ['Ada Lovelace'],
  publishedAt: `${DAY}T00:00:00.000Z`,
  counts: { upvotes: 7, numComments: 2 },
  observedAt: `${DAY}T0${hour}:00:00.000Z`,
  featuring: {
    featuredOn: DAY,
    source: 'hf',
    position: hour,
    submittedBy: null,
    submittedAt: `${DAY}T0${hour}:00:00.000Z`,
  },
  ...extra,
})

describeEachDatabase('upvotes', (db) => {
  let app: ReturnType<typeof createApp>
  const request = (path: string, init?: RequestInit) => app.request(path, init)
  const vote = (id: string, value: string, who?: SignedIn, extra: Record<string, string> = {}) =>
    request(`/papers/${id}/vote`, formPost(BASE_URL, { vote: value, ...extra }, who))
  const shown = async (id: string) => {
    const res = await request(`/api/papers/${id}`)
    expect(res.status).toBe(200)
    return (await res.json()) as { upvotes: number; numComments: number }
  }
  const votesFor = async (id: string) =>
    (await db().kysely.withTables<VoteTables>().selectFrom('votes').selectAll().where('paper_id', '=', id).execute())
      .length
  const trendingIds = async () => paperIdsIn(await (await request('/papers/trending')).text())

  beforeAll(async () => {
    const report = await upsertPapers(db(), [
      paper(FAVOURITE, 1),
      paper(RIVAL, 2),
      paper(OLD_STYLE, 3, { counts: { upvotes: 0, numComments: 0 } }),
    ])
    expect(report.problems).toEqual([])
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: () => NOW })
  })

  describe('the vote form', () => {
    it('counts a reader’s vote once however often the form is sent, and takes it back with vote=none', async () => {
      const ada = await signedInUser(db(), 'ada')
      for (let i = 0; i < 2; i++) {
        const res = await vote(FAVOURITE, 'up', ada)
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toBe(`/papers/${FAVOURITE}`)
      }
      expect((await shown(FAVOURITE)).upvotes).toBe(8)
      expect(await votesFor(FAVOURITE)).toBe(1)
      const page = await (await request(`/papers/${FAVOURITE}`, { headers: { cookie: ada.cookie } })).text()
      expect(voteButton(page, FAVOURITE)).toEqual({ pressed: true, name: 'Upvote 8 upvotes' })

      for (let i = 0; i < 2; i++) expect((await vote(FAVOURITE, 'none', ada)).status).toBe(303)
      expect((await shown(FAVOURITE)).upvotes).toBe(7)
      expect(await votesFor(FAVOURITE)).toBe(0)
      const after = await (await request(`/papers/${FAVOURITE}`, { headers: { cookie: ada.cookie } })).text()
      expect(voteButton(after, FAVOURITE)).toEqual({ pressed: false, name: 'Upvote 7 upvotes' })
    })

    it('answers the script with JSON: the count and whether the vote is in', async () => {
      const bo = await signedInUser(db(), 'bo')
      const init = formPost(BASE_URL, { vote: 'up' }, bo)
      const res = await request(`/papers/${RIVAL}/vote`, {
        ...init,
        headers: { ...init.headers, accept: 'application/json' },
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ upvotes: 8, voted: true })
      await vote(RIVAL, 'none', bo)
    })

    it('goes back to the listing the button was on, and only to a page of this site', async () => {
      const cy = await signedInUser(db(), 'cy')
      const back = await vote(FAVOURITE, 'up', cy, { next: `/papers/date/${DAY}?page=1` })
      expect(back.headers.get('location')).toBe(`/papers/date/${DAY}?page=1`)
      for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        expect((await vote(FAVOURITE, 'up', cy, { next })).headers.get('location')).toBe('/')
      }
      await vote(FAVOURITE, 'none', cy)
    })

    it('votes for an old-style arXiv id, slash and all', async () => {
      const di = await signedInUser(db(), 'di')
      expect((await vote(OLD_STYLE, 'up', di)).status).toBe(303)
      expect((await shown(OLD_STYLE)).upvotes).toBe(1)
      await vote(OLD_STYLE, 'none', di)
    })

    it('sends a logged-out reader to log in, and back to the page they were on afterwards', async () => {
      const res = await vote(FAVOURITE, 'up', undefined, { next: `/papers/date/${DAY}` })
      expect(res.status).toBe(303)
      const login = res.headers.get('location')!
      expect(login).toBe(`/login?next=${encodeURIComponent(`/papers/date/${DAY}`)}`)
      expect((await shown(FAVOURITE)).upvotes).toBe(7)

      await signedInUser(db(), 'eve')
      const form = await (await request(login)).text()
      expect(decodeEntities(form)).toContain(`name="next" value="/papers/date/${DAY}"`)
      const loggedIn = await request(
        '/login',
        formPost(BASE_URL, { login: 'eve', password: TEST_PASSWORD, next: `/papers/date/${DAY}` }),
      )
      expect(loggedIn.status).toBe(303)
      expect(loggedIn.headers.get('location')).toBe(`/papers/date/${DAY}`)
    })

    it('tells the script a logged-out reader must log in (401), so it sends the form itself', async () => {
      const init = formPost(BASE_URL, { vote: 'up' })
      const res = await request(`/papers/${FAVOURITE}/vote`, {
        ...init,
        headers: { ...init.headers, accept: 'application/json' },
      })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'Log in to vote.' })
    })

    it('asks a reader who has not confirmed their address to do so first', async () => {
      const fay = await signedInUser(db(), 'fay', { verified: false })
      const res = await vote(FAVOURITE, 'up', fay)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Confirm your email address first')
      expect((await shown(FAVOURITE)).upvotes).toBe(7)
    })

    it('refuses a forged cross-site vote: without the reader’s CSRF token nothing is counted', async () => {
      const gus = await signedInUser(db(), 'gus')
      const forged = formPost(BASE_URL, { vote: 'up', _csrf: 'guessed' })
      const res = await request(`/papers/${FAVOURITE}/vote`, {
        ...forged,
        headers: { ...forged.headers, cookie: gus.cookie },
      })
      expect(res.status).toBe(403)
      const noToken = formPost(BASE_URL, { vote: 'up' })
      const res2 = await request(`/papers/${FAVOURITE}/vote`, {
        ...noToken,
        headers: { ...noToken.headers, cookie: gus.cookie },
      })
      expect(res2.status).toBe(403)
      expect((await shown(FAVOURITE)).upvotes).toBe(7)
    })

    it('never changes anything on GET', async () => {
      expect((await request(`/papers/${FAVOURITE}/vote?vote=up`)).status).toBe(404)
    })

    it('answers 400 for a vote that is neither up nor none, and 404 for a paper that is not here', async () => {
      const hal = await signedInUser(db(), 'hal')
      for (const value of ['down', '', 'up\u0000', '1'.repeat(10_000)])
        expect((await vote(FAVOURITE, value, hal)).status).toBe(400)
      expect((await vote('2608.99999', 'up', hal)).status).toBe(404)
      expect((await vote('not a paper', 'up', hal)).status).toBe(404)
      expect((await vote('not-a-paper%00', 'up', hal)).status).toBe(400) // the address itself is refused
      expect((await shown(FAVOURITE)).upvotes).toBe(7)
    })

    it('limits how fast one reader votes, with a 429 that says when to try again', async () => {
      const ivy = await signedInUser(db(), 'ivy')
      for (let i = 0; i < VOTE_LIMIT.points; i++) {
        expect((await vote(OLD_STYLE, i % 2 ? 'none' : 'up', ivy)).status).toBe(303)
      }
      const refused = await vote(OLD_STYLE, 'up', ivy)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await refused.text()).toContain('Wait a minute')
      expect((await shown(OLD_STYLE)).upvotes).toBe(0)
    })
  })

  describe('the write API', () => {
    let token: string
    let tokenOfUnconfirmed: string
    beforeAll(async () => {
      const jo = await signedInUser(db(), 'jo')
      token = (await createApiToken(db(), jo.user.id, 'tests', new Date(NOW).toISOString())).token
      const kim = await signedInUser(db(), 'kim', { verified: false })
      tokenOfUnconfirmed = (await createApiToken(db(), kim.user.id, 'tests', new Date(NOW).toISOString())).token
    })
    const api = (method: string, id: string, bearer?: string) =>
      request(`/api/v1/papers/${id}/vote`, { method, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })

    it('votes with PUT and takes the vote back with DELETE, each idempotent', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await api('PUT', RIVAL, token)
        expect(res.status).toBe(200)
        expect(await res.json()).toEqual({ upvotes: 8, voted: true })
      }
      for (let i = 0; i < 2; i++)
        expect(await (await api('DELETE', RIVAL, token)).json()).toEqual({ upvotes: 7, voted: false })
    })

    it('is described in OpenAPI by the routes it answers on', async () => {
      const described = Object.entries(voteApiPaths)
      expect(described).toHaveLength(1)
      const [path, operations] = described[0]!
      const methods = Object.keys(operations).filter((k) => k !== 'parameters')
      expect(methods.sort()).toEqual(['delete', 'put'])
      for (const method of methods) {
        const res = await request(path.replace('{id}', RIVAL), {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
        })
        expect(res.status).toBe(401)
      }
    })

    it('answers 401 without a token, 403 for an unconfirmed account and 404 for an unknown paper, in JSON', async () => {
      // As a JSON client sends it; a token-less text/plain PUT is refused by the CSRF check first.
      const anonymous = await request(`/api/v1/papers/${RIVAL}/vote`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
      })
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer')
      expect((await api('PUT', RIVAL, 'pb_' + 'x'.repeat(43))).status).toBe(401)
      const unconfirmed = await api('PUT', RIVAL, tokenOfUnconfirmed)
      expect(unconfirmed.status).toBe(403)
      const unknown = await api('PUT', '2608.99999', token)
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toEqual({ error: expect.stringContaining('2608.99999') })
      expect((await shown(RIVAL)).upvotes).toBe(7)
    })
  })

  describe('imported counts and local votes', () => {
    it('shows the latest imported count plus local votes: a re-import never erases a local vote', async () => {
      const lu = await signedInUser(db(), 'lu')
      await vote(FAVOURITE, 'up', lu)
      expect(await shown(FAVOURITE)).toMatchObject({ upvotes: 8, numComments: 2 })
      await upsertPapers(db(), [
        paper(FAVOURITE, 1, { counts: { upvotes: 20, numComments: 5 }, observedAt: `${DAY}T09:00:00.000Z` }),
      ])
      expect(await shown(FAVOURITE)).toMatchObject({ upvotes: 21, numComments: 5 })
      // An older observation changes nothing; the same one again neither.
      await upsertPapers(db(), [
        paper(FAVOURITE, 1, { counts: { upvotes: 3, numComments: 0 }, observedAt: `${DAY}T02:00:00.000Z` }),
      ])
      expect((await shown(FAVOURITE)).upvotes).toBe(21)
      await vote(FAVOURITE, 'none', lu)
      expect((await shown(FAVOURITE)).upvotes).toBe(20)
      const row = await db()
        .kysely.selectFrom('papers')
        .select(['upvotes', 'imported_upvotes', 'local_upvotes'])
        .where('id', '=', FAVOURITE)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ upvotes: 20, imported_upvotes: 20, local_upvotes: 0 })
      // Back to the figures the other tests expect.
      await upsertPapers(db(), [paper(FAVOURITE, 1, { observedAt: `${DAY}T10:00:00.000Z` })])
    })

    it('counts local comments into numComments and the trending score through adjustActivity', async () => {
      const now = new Date(NOW).toISOString()
      await db()
        .kysely.transaction()
        .execute((trx) => adjustActivity(trx, RIVAL, { comments: 1 }, now))
      expect((await shown(RIVAL)).numComments).toBe(3)
      await upsertPapers(db(), [
        paper(RIVAL, 2, { counts: { upvotes: 7, numComments: 4 }, observedAt: `${DAY}T10:00:00.000Z` }),
      ])
      expect((await shown(RIVAL)).numComments).toBe(5)
      await db()
        .kysely.transaction()
        .execute((trx) => adjustActivity(trx, RIVAL, { comments: -1 }, now))
      await upsertPapers(db(), [paper(RIVAL, 2, { observedAt: `${DAY}T11:00:00.000Z` })])
      expect(await shown(RIVAL)).toMatchObject({ upvotes: 7, numComments: 2 })
      // An unknown paper is no error and no row.
      await db()
        .kysely.transaction()
        .execute((trx) => adjustActivity(trx, '2608.99999', { votes: 1 }, now))
    })
  })

  describe('trending', () => {
    it('moves a paper up as it is voted for, on the page and in the API, and back down when the votes go', async () => {
      // Equal counts: the paper featured later ranks first.
      expect((await trendingIds()).slice(0, 2)).toEqual([RIVAL, FAVOURITE])
      const voters = await Promise.all(['mo', 'ned', 'oz'].map((n) => signedInUser(db(), n)))
      for (const v of voters) await vote(FAVOURITE, 'up', v)
      expect((await trendingIds()).slice(0, 2)).toEqual([FAVOURITE, RIVAL])
      const api = (await (await request('/api/daily_papers?sort=trending')).json()) as { paper: { id: string } }[]
      expect(api.slice(0, 2).map((i) => i.paper.id)).toEqual([FAVOURITE, RIVAL])
      for (const v of voters) await vote(FAVOURITE, 'none', v)
      expect((await trendingIds()).slice(0, 2)).toEqual([RIVAL, FAVOURITE])
    })
  })

  describe('listings', () => {
    it('show the signed-in reader’s votes as pressed, and anonymous readers none', async () => {
      const pia = await signedInUser(db(), 'pia')
      await vote(RIVAL, 'up', pia)
      const mine = await (await request(`/papers/date/${DAY}`, { headers: { cookie: pia.cookie } })).text()
      expect(voteButton(mine, RIVAL)).toEqual({ pressed: true, name: 'Upvote 8 upvotes' })
      expect(voteButton(mine, FAVOURITE)).toEqual({ pressed: false, name: 'Upvote 7 upvotes' })
      expect(mine).toContain(`name="next" value="/papers/date/${DAY}"`)
      const anonymous = await (await request(`/papers/date/${DAY}`)).text()
      expect(anonymous).not.toContain('aria-pressed="true"')
      expect(anonymous).not.toContain('name="_csrf"')
      const search = await (await request('/search?q=paper', { headers: { cookie: pia.cookie } })).text()
      expect(voteButton(search, RIVAL).pressed).toBe(true)
      await vote(RIVAL, 'none', pia)
    })

    it('reach a signed-in reader compressed, each form with its token masked anew, which a vote accepts', async () => {
      const quinn = await signedInUser(db(), 'quinn')
      const page = await request(`/papers/date/${DAY}`, { headers: { cookie: quinn.cookie, 'accept-encoding': 'br' } })
      expect([page.headers.get('content-encoding'), page.headers.get('vary')]).toEqual(['br', 'Accept-Encoding'])
      const html = brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString()
      const tokens = [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]!)
      // A fixed token beside text a reader chose (a search) would leak through the compressed size.
      expect(tokens.length).toBeGreaterThan(1)
      expect(new Set(tokens).size).toBe(tokens.length)
      expect(tokens).not.toContain(quinn.csrf)
      const tampered = tokens[1]!.slice(0, -2) + (tokens[1]!.endsWith('AA') ? 'BA' : 'AA')
      expect((await vote(RIVAL, 'up', quinn, { _csrf: tampered })).status).toBe(403)
      expect((await vote(RIVAL, 'up', quinn, { _csrf: tokens[0]! })).status).toBe(303)
      expect(await votesFor(RIVAL)).toBe(1)
      expect((await vote(RIVAL, 'none', quinn, { _csrf: tokens[1]! })).status).toBe(303)
    })

    it('show a vote to anonymous readers at once: the cached page is rendered again', async () => {
      const before = await (await request(`/papers/date/${DAY}`)).text()
      expect(voteButton(before, RIVAL).name).toBe('Upvote 7 upvotes')
      const quin = await signedInUser(db(), 'quin')
      await vote(RIVAL, 'up', quin)
      const after = await (await request(`/papers/date/${DAY}`)).text()
      expect(voteButton(after, RIVAL).name).toBe('Upvote 8 upvotes')
      await vote(RIVAL, 'none', quin)
    })
  })

  describe('votes of a reader', () => {
    it('lists the papers a reader voted for, newest vote first, and which of a listing they voted for', async () => {
      const rae = await signedInUser(db(), 'rae')
      let clock = NOW
      const at = () => new Date((clock += 1000)).toISOString()
      await setVote(db(), rae.user.id, FAVOURITE, true, at())
      await setVote(db(), rae.user.id, OLD_STYLE, true, at())
      const list = await votedPapers(db(), rae.user.id, { limit: 10, offset: 0 })
      expect(list.total).toBe(2)
      expect(list.papers.map((p) => p.paper.id)).toEqual([OLD_STYLE, FAVOURITE])
      expect((await votedPapers(db(), rae.user.id, { limit: 1, offset: 1 })).papers.map((p) => p.paper.id)).toEqual([
        FAVOURITE,
      ])
      expect(await votedPaperIds(db(), rae.user.id, [FAVOURITE, RIVAL, OLD_STYLE])).toEqual(
        new Set([FAVOURITE, OLD_STYLE]),
      )
      await setVote(db(), rae.user.id, FAVOURITE, false, at())
      await setVote(db(), rae.user.id, OLD_STYLE, false, at())
    })

    it('takes back all of a reader’s votes at once, and the counts with them (account deleted or banned)', async () => {
      const sam = await signedInUser(db(), 'sam')
      const now = new Date(NOW).toISOString()
      for (const id of [FAVOURITE, RIVAL]) await setVote(db(), sam.user.id, id, true, now)
      expect((await shown(FAVOURITE)).upvotes).toBe(8)
      expect(await removeVotesOf(db(), sam.user.id, now)).toBe(2)
      expect(await removeVotesOf(db(), sam.user.id, now)).toBe(0)
      expect((await shown(FAVOURITE)).upvotes).toBe(7)
      expect((await shown(RIVAL)).upvotes).toBe(7)
      expect(await votedPaperIds(db(), sam.user.id, [FAVOURITE, RIVAL])).toEqual(new Set())
    })
  })
})
