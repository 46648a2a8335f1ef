import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createApiToken } from '../src/community/accounts/api-tokens.js'
import { claimedPapers } from '../src/community/claims/store.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { featuredRecord } from './support/community-papers.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { RECORDED_DAYS, recordedDay } from './support/recorded.js'

const BASE_URL = 'https://papers.example.org'
const DAY = '2026-11-30'
const CLOCK = () => Date.parse('2026-12-01T09:00:00.000Z')
const PAPER = '2611.00011'
const OTHER = '2611.00012'
const SUBMITTED = '2611.00013'

/** What Hugging Face's recorded answers put in a claimed author's `user`, and in `submittedBy`. */
function recordedShapes(): { authorUser: string[]; submittedBy: string[] } {
  for (const day of RECORDED_DAYS) {
    for (const item of recordedDay(day) as any[]) {
      const claimed = item.paper.authors.find((a: any) => a.user)
      if (claimed && item.submittedBy)
        return { authorUser: Object.keys(claimed.user).sort(), submittedBy: Object.keys(item.submittedBy).sort() }
    }
  }
  throw new Error('no recorded item with a claimed author')
}

describeEachDatabase('author claims', (db) => {
  let app: ReturnType<typeof createApp>
  let admin: SignedIn
  let ada: SignedIn
  let alan: SignedIn
  let unconfirmed: SignedIn
  const post = (path: string, fields: Record<string, string>, who?: SignedIn) =>
    app.request(`${BASE_URL}${path}`, formPost(BASE_URL, fields, who))
  const get = (path: string, who?: SignedIn) => app.request(path, who ? { headers: { cookie: who.cookie } } : {})
  const html = async (path: string, who?: SignedIn) => (await get(path, who)).text()
  const json = async (path: string) => (await get(path)).json()
  const pendingIds = async () =>
    [...(await html('/admin/claims', admin)).matchAll(/action="\/admin\/claims\/(\d+)\/approve"/g)].map((m) => m[1]!)

  beforeAll(async () => {
    admin = await signedInUser(db(), 'site_admin', { now: CLOCK() })
    ada = await signedInUser(db(), 'ada_l', { now: CLOCK() })
    alan = await signedInUser(db(), 'alan_t', { now: CLOCK() })
    unconfirmed = await signedInUser(db(), 'new_here', { now: CLOCK(), verified: false })
    const report = await upsertPapers(db(), [
      featuredRecord(PAPER, 'Analytical Engines Revisited', DAY, { authors: ['Ada Lovelace', 'Alan Turing'] }),
      featuredRecord(OTHER, 'On Computable Numbers, Again', DAY, { authors: ['Alan Turing', 'Grace Hopper'] }),
      featuredRecord(SUBMITTED, 'A Paper a Member Submitted', DAY, { source: 'community', submitter: 'ada_l' }),
    ])
    expect(report.problems).toEqual([])
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: CLOCK })
  })

  it('offers "This is me" to members and a log-in link to anonymous readers', async () => {
    const page = await html(`/papers/${PAPER}`, ada)
    expect(page).toContain(`action="/papers/${PAPER}/claims"`)
    expect(page).toMatch(/<option value="0">Ada Lovelace<\/option>/)
    expect(textOf(await html(`/papers/${PAPER}`))).toMatch(/Are you an author\? Log in to claim this paper ?\./)
  })

  it('goes from a claim to an admin’s approval to a linked name, a profile list and the API’s user', async () => {
    const filed = await post(`/papers/${PAPER}/claims`, { author: '0' }, ada)
    expect(filed.status).toBe(303)
    expect(filed.headers.get('location')).toBe(`/papers/${PAPER}#authors`)
    expect(textOf(await html(`/papers/${PAPER}`, ada))).toContain(
      'Your claim to be Ada Lovelace is waiting for an admin.',
    )
    expect(await html(`/papers/${PAPER}`)).not.toContain('href="/u/ada_l"')

    const queue = textOf(await html('/admin/claims', admin))
    expect(queue).toMatch(
      /Analytical Engines Revisited Ada Lovelace \(author 1\) ada_l @ada_l · confirmed address at lab\.example\.org/,
    )
    expect(textOf(await html('/admin', admin))).toContain('1 claim waiting.')
    const [id] = await pendingIds()
    const approved = await post(`/admin/claims/${id}/approve`, { next: '/admin/claims' }, admin)
    expect(approved.status).toBe(303)
    expect(approved.headers.get('location')).toBe('/admin/claims')
    expect(textOf(await html('/admin/claims', admin))).toContain('No claims are waiting.')

    // The anonymous page (served from the cache before) now links the name.
    expect(await html(`/papers/${PAPER}`)).toContain('<a class="claimed-author" href="/u/ada_l">Ada Lovelace</a>')
    expect(textOf(await html(`/papers/${PAPER}`, ada))).not.toContain('Are you one of the authors?')
    expect((await claimedPapers(db(), ada.user.id)).map((p) => p.id)).toEqual([PAPER])

    const flat = await json(`/api/papers/${PAPER}`)
    const user = {
      _id: ada.user.id.toString(16).padStart(24, '0'),
      avatarUrl: `${BASE_URL}/avatars/ada_l.svg`,
      isPro: false,
      fullname: 'ada_l',
      user: 'ada_l',
      type: 'user',
    }
    expect(flat.authors[0]).toEqual({
      name: 'Ada Lovelace',
      user,
      status: 'claimed_verified',
      statusLastChangedAt: '2026-12-01T09:00:00.000Z',
      hidden: false,
    })
    expect(flat.authors[1]).toEqual({ name: 'Alan Turing', hidden: false })
    const [item] = (await json(`/api/daily_papers?date=${DAY}`)).filter((i: any) => i.paper.id === PAPER)
    expect(item.paper.authors[0].user).toEqual(user)
    expect(Object.keys(user).sort()).toEqual(recordedShapes().authorUser)
    expect((await json('/api/papers')).find((p: any) => p.id === PAPER).authors[0].user).toEqual(user)
    const [hit] = await json('/api/papers/search?q=analytical+engines&limit=1')
    expect(hit.paper.authors[0].user).toEqual(user)
    expect((await json(`/api/papers/search?q=${PAPER}`))[0].paper.authors[0].user).toEqual(user)

    expect(textOf(await html('/admin/log', admin))).toMatch(
      /site_admin approved an author claim claim #\d+ Ada Lovelace on 2611\.00011/,
    )
  })

  it('refuses a second claim to an approved entry, and a second entry of one paper', async () => {
    const taken = await post(`/papers/${PAPER}/claims`, { author: '0' }, alan)
    expect(taken.status).toBe(409)
    expect(textOf(await taken.text())).toContain('Ada Lovelace is already claimed by another member.')
    expect((await post(`/papers/${PAPER}/claims`, { author: '1' }, ada)).status).toBe(409)
  })

  it('lets a rejected member pick the right entry, and approves one claim per entry even when two wait', async () => {
    expect((await post(`/papers/${OTHER}/claims`, { author: '1' }, alan)).status).toBe(303) // the wrong name
    const [wrong] = await pendingIds()
    expect((await post(`/admin/claims/${wrong}/reject`, {}, admin)).status).toBe(303)
    expect(await html(`/papers/${OTHER}`)).not.toContain('claimed-author')
    expect((await post(`/papers/${OTHER}/claims`, { author: '1' }, alan)).status).toBe(409) // not the same one again
    expect((await post(`/papers/${OTHER}/claims`, { author: '0' }, alan)).status).toBe(303)
    expect((await post(`/papers/${OTHER}/claims`, { author: '0' }, ada)).status).toBe(303) // both say they are Turing
    const [first, second] = await pendingIds()
    expect((await post(`/admin/claims/${first}/approve`, {}, admin)).status).toBe(303)
    expect((await post(`/admin/claims/${second}/approve`, {}, admin)).status).toBe(409)
    expect((await post(`/admin/claims/${first}/approve`, {}, admin)).status, 'deciding twice is harmless').toBe(303)
    expect(await html(`/papers/${OTHER}`)).toContain('<a class="claimed-author" href="/u/alan_t">Alan Turing</a>')
  })

  it('asks anonymous readers to log in and unconfirmed ones to confirm their address', async () => {
    const anonymous = await post(`/papers/${PAPER}/claims`, { author: '1' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/papers/${PAPER}`)}`)
    expect((await post(`/papers/${PAPER}/claims`, { author: '1' }, unconfirmed)).status).toBe(403)
  })

  it('answers 4xx, never 500, to what is no author, no paper or no id', async () => {
    for (const author of ['', 'x', '-1', '2', '1.5', '99999999999', '1\u0000']) {
      expect((await post(`/papers/${PAPER}/claims`, { author }, alan)).status, author).toBe(400)
    }
    expect((await post('/papers/2611.99999/claims', { author: '0' }, alan)).status).toBe(404)
    expect((await post('/papers/no%20such%20id/claims', { author: '0' }, alan)).status).toBe(400)
    for (const id of ['0', 'abc', '99999999999']) {
      expect((await post(`/admin/claims/${id}/approve`, {}, admin)).status, id).toBe(404)
    }
  })

  it('files claims through the API with a token, and answers 401 without one', async () => {
    const { token } = await createApiToken(db(), alan.user.id, 'script', new Date(CLOCK()).toISOString())
    const call = (body: string, auth = true) =>
      app.request(`/api/v1/papers/${SUBMITTED}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth && { authorization: `Bearer ${token}` }) },
        body,
      })
    expect((await call('{"author": 1}', false)).status).toBe(401)
    expect((await call('not json')).status).toBe(400)
    expect((await call('{"author": 1, "status": "approved"}')).status).toBe(400)
    const res = await call('{"author": 1}')
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ paper: SUBMITTED, author: 1, name: 'Alan Turing', status: 'pending' })
    expect((await call('{"author": 1}')).status).toBe(409)
  })

  it('limits claims per member per day, answering 429 with Retry-After', async () => {
    const eager = await signedInUser(db(), 'eager_ed', { now: CLOCK() })
    for (let i = 0; i < 20; i++)
      expect((await post('/papers/2611.99998/claims', { author: '0' }, eager)).status).toBe(404)
    const limited = await post(`/papers/${PAPER}/claims`, { author: '1' }, eager)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(textOf(await limited.text())).toContain('You have filed many claims today.')
  })

  describe('the Hugging Face API follows local submissions', () => {
    it('gives a local submitter in Hugging Face’s submittedBy shape, and filters by a local username', async () => {
      const [item] = (await json(`/api/daily_papers?date=${DAY}&submitter=ADA_L`)) as any[]
      expect(item.paper.id).toBe(SUBMITTED)
      expect(item.submittedBy).toEqual({
        _id: ada.user.id.toString(16).padStart(24, '0'),
        avatarUrl: `${BASE_URL}/avatars/ada_l.svg`,
        fullname: 'ada_l',
        name: 'ada_l',
        type: 'user',
        isPro: false,
      })
      for (const key of Object.keys(item.submittedBy)) expect(recordedShapes().submittedBy).toContain(key)
      expect(item.paper.submittedOnDailyBy).toMatchObject({ user: 'ada_l', name: 'ada_l', type: 'user' })
      expect((await json(`/api/papers/${SUBMITTED}`)).submittedOnDailyBy.avatarUrl).toBe(
        `${BASE_URL}/avatars/ada_l.svg`,
      )
      expect(await json(`/api/daily_papers?date=${DAY}&submitter=nobody_at_all`)).toEqual([])
    })
  })
})
