import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { deleteAccount } from '../src/community/accounts/account-changes.js'
import { commentsByUser } from '../src/community/comments/store.js'
import { createPaperLookup } from '../src/ingest/on-demand.js'
import { getPaper } from '../src/papers/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { formPost, signedInUser } from './support/accounts.js'
import { BASE_URL, bearer, catalogPapers, communityApp, jsonRequest } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { FaultServer, type Logged } from './support/fault-server.js'
import { textOf } from './support/html.js'
import { politeClient, recording } from './support/ingest.js'
import pino from 'pino'

/** "Submit a paper": the form and the API, their rules, and the paper on today's list afterwards. */
const TODAY = '2016-06-01'
const NOW = Date.parse(`${TODAY}T12:00:00Z`)
const FRESH = '2016-05-28T10:00:00Z' // four days old
const forId = (id: string) => (r: Logged) => r.path === '/api' && r.query.get('id_list') === id
const api = (name: string) => ({ file: recording(`arxiv-atom-api/${name}`) })

describeEachDatabase('submissions', (db) => {
  const arxiv = new FaultServer()
  let app: ReturnType<typeof communityApp>
  beforeAll(async () => {
    await arxiv.start()
    const lookup = createPaperLookup(db(), politeClient(), `${arxiv.url}/api`, {
      now: () => NOW,
      logger: pino({ level: 'silent' }),
    })
    app = communityApp(db(), () => NOW, lookup)
    await catalogPapers(db(), [
      { id: '1605.09001', publishedAt: FRESH, title: 'Fresh Results on Sparse Attention' },
      { id: '1605.09002', publishedAt: FRESH },
      { id: '1605.09003', publishedAt: FRESH },
      { id: 'hep-th/0605999', publishedAt: FRESH, title: 'Strings With an Old-Style Identifier' },
      { id: '1604.00001', publishedAt: '2016-04-01T00:00:00Z' },
      { id: '1605.09010', publishedAt: FRESH },
    ])
    await upsertPapers(db(), [
      {
        id: '1605.09020',
        title: 'Featured by Hugging Face Already',
        publishedAt: FRESH,
        featuring: {
          featuredOn: '2016-05-30',
          source: 'hf',
          position: 0,
          submittedBy: { name: 'akhaliq' },
          submittedAt: '2016-05-30T08:00:00Z',
        },
      },
    ])
  })
  afterAll(() => arxiv.stop())
  beforeEach(() => arxiv.reset())
  const submit = (fields: Record<string, string>, who?: Awaited<ReturnType<typeof signedInUser>>) =>
    app.request('/submit', formPost(BASE_URL, fields, who))

  it('sends an anonymous reader to log in and back to the form', async () => {
    const res = await app.request('/submit')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fsubmit')
    expect((await submit({ paper: '1605.09001' })).headers.get('location')).toBe('/login?next=%2Fsubmit')
  })

  it('asks a member who has not confirmed their address to do that first', async () => {
    const unconfirmed = await signedInUser(db(), 'unconfirmed', { verified: false })
    const res = await app.request('/submit', { headers: { cookie: unconfirmed.cookie } })
    expect(res.status).toBe(403)
    expect(textOf(await res.text())).toContain('Confirm your email address first')
  })

  it('shows the form with its rules', async () => {
    const ada = await signedInUser(db(), 'ada')
    const res = await app.request('/submit', { headers: { cookie: ada.cookie } })
    expect(res.status).toBe(200)
    const text = textOf(await res.text())
    expect(text).toContain('appeared on arXiv in the last 14 days')
    expect(text).toContain('you can submit 5 papers a day')
  })

  it('features a submitted paper today with "submitted by", and posts the comment first', async () => {
    const grace = await signedInUser(db(), 'Grace')
    const res = await submit({ paper: 'https://arxiv.org/abs/1605.09001v2', comment: 'Worth a *careful* read.' }, grace)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/papers/1605.09001')
    const stored = await getPaper(db(), '1605.09001')
    expect(stored!.featurings).toMatchObject([
      {
        featuredOn: TODAY,
        source: 'community',
        submittedBy: { name: 'Grace', fullname: 'Grace', type: 'user', avatarUrl: `${BASE_URL}/avatars/grace.svg` },
      },
    ])
    const day = await app.request(`/papers/date/${TODAY}`)
    const html = await day.text()
    expect(textOf(html)).toContain('Fresh Results on Sparse Attention')
    expect(textOf(html)).toContain('Submitted by Grace')
    expect(html).toContain('<a href="/u/Grace">Grace</a>')
    const comments = await commentsByUser(db(), grace.user.id, { limit: 10, offset: 0 })
    expect(comments.map((c) => [c.paperId, c.body])).toEqual([['1605.09001', 'Worth a *careful* read.']])
    const daily = (await (await app.request(`/api/daily_papers?date=${TODAY}`)).json()) as {
      submittedBy?: { name: string }
    }[]
    expect(daily.map((i) => i.submittedBy?.name)).toContain('Grace')
  })

  it('shows the paper at once on today’s page that anonymous readers had cached', async () => {
    const before = await (await app.request(`/papers/date/${TODAY}`)).text()
    expect(textOf(before)).not.toContain('Paper Shown at Once')
    await catalogPapers(db(), [{ id: '1605.09301', publishedAt: FRESH, title: 'Paper Shown at Once' }])
    const linus = await signedInUser(db(), 'linus')
    expect((await submit({ paper: '1605.09301' }, linus)).status).toBe(303)
    const after = textOf(await (await app.request(`/papers/date/${TODAY}`)).text())
    expect(after).toContain('Paper Shown at Once')
    expect(after).toContain('Submitted by linus')
  })

  it('shows a deleted member’s submission as by "[deleted]", unlinked, on cached pages and in the API', async () => {
    await catalogPapers(db(), [{ id: '1605.09303', publishedAt: FRESH, title: 'Left Behind by Its Submitter' }])
    const ghost = await signedInUser(db(), 'ghost')
    expect((await submit({ paper: '1605.09303', comment: 'Read this.' }, ghost)).status).toBe(303)
    const before = await (await app.request(`/papers/date/${TODAY}`)).text()
    expect(before).toContain('<a href="/u/ghost">ghost</a>')

    await deleteAccount(db(), ghost.user.id, new Date(NOW).toISOString())
    const day = await (await app.request(`/papers/date/${TODAY}`)).text()
    const card = day.slice(day.indexOf('Left Behind by Its Submitter'))
    expect(textOf(card.slice(0, card.indexOf('</li>')))).toContain('Submitted by [deleted]')
    expect(day).not.toContain('/u/ghost')
    const daily = (await (await app.request(`/api/daily_papers?date=${TODAY}`)).json()) as {
      paper: { id: string }
      submittedBy?: { name: string; avatarUrl?: string }
    }[]
    const item = daily.find((i) => i.paper.id === '1605.09303')!
    expect(item.submittedBy).toMatchObject({ name: '[deleted]', fullname: '[deleted]', type: 'user' })
    expect(item.submittedBy!.avatarUrl).toBeUndefined()
    expect((await (await app.request('/api/daily_papers?submitter=ghost')).json()) as unknown[]).toEqual([])
    // The paper's page drops the comment's name too (it was cached before).
    expect(await (await app.request('/papers/1605.09303')).text()).not.toContain('>ghost<')
  })

  it('features a paper once when two members submit it at the same moment', async () => {
    await catalogPapers(db(), [{ id: '1605.09302', publishedAt: FRESH }])
    const [one, two] = await Promise.all([signedInUser(db(), 'racer1'), signedInUser(db(), 'racer2')])
    const statuses = (
      await Promise.all([submit({ paper: '1605.09302' }, one), submit({ paper: '1605.09302' }, two)])
    ).map((r) => r.status)
    expect(statuses.sort()).toEqual([303, 409])
    expect((await getPaper(db(), '1605.09302'))!.featurings).toHaveLength(1)
  })

  it('takes a PDF link, and an old-style id, without a comment', async () => {
    const alan = await signedInUser(db(), 'alan')
    expect((await submit({ paper: 'https://arxiv.org/pdf/1605.09002v1.pdf', comment: '' }, alan)).status).toBe(303)
    expect((await submit({ paper: 'arXiv:hep-th/0605999' }, alan)).headers.get('location')).toBe(
      '/papers/hep-th/0605999',
    )
    expect((await getPaper(db(), 'hep-th/0605999'))!.featurings[0]).toMatchObject({ featuredOn: TODAY })
    expect(await commentsByUser(db(), alan.user.id, { limit: 10, offset: 0 })).toEqual([])
  })

  it('fetches a paper the catalog lacks from arXiv', async () => {
    const emmy = await signedInUser(db(), 'emmy')
    arxiv.on(forId('1605.08386'), api('current-format_id-list_1605.08386.xml'))
    expect((await submit({ paper: '1605.08386' }, emmy)).status).toBe(303)
    expect(arxiv.requests).toHaveLength(1)
    const stored = await getPaper(db(), '1605.08386')
    expect(stored!.paper.title).toBe('Heat-bath random walks with Markov bases')
    expect(stored!.featurings[0]).toMatchObject({ featuredOn: TODAY, source: 'community' })
  })

  it('says on the form, keeping what was typed, when arXiv does not know the id', async () => {
    const noether = await signedInUser(db(), 'noether')
    arxiv.on(forId('1605.99999'), api('current-format_id-list_0000.0000_empty.xml'))
    const res = await submit({ paper: '1605.99999', comment: 'my note' }, noether)
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(textOf(html)).toContain('arXiv does not know a paper 1605.99999.')
    expect(html).toContain('value="1605.99999"')
    expect(html).toContain('my note</textarea>')
  })

  it('refuses, on the form, a paper older than 14 days', async () => {
    const kurt = await signedInUser(db(), 'kurt')
    const res = await submit({ paper: '1604.00001', comment: 'old but gold' }, kurt)
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(textOf(html)).toContain(
      'Only papers from the last 14 days can be submitted; this one appeared on arXiv on 2016-04-01.',
    )
    expect(html).toContain('old but gold</textarea>')
    expect((await getPaper(db(), '1604.00001'))!.featurings).toEqual([])
  })

  it('refuses a paper already featured, and one already submitted by someone else', async () => {
    const john = await signedInUser(db(), 'john')
    const featured = await submit({ paper: '1605.09020' }, john)
    expect(featured.status).toBe(409)
    expect(textOf(await featured.text())).toContain('This paper is already on the daily list (2016-05-30)')
    const again = await submit({ paper: '1605.09001' }, john)
    expect(again.status).toBe(409)
    expect(textOf(await again.text())).toContain(`already on the daily list (${TODAY})`)
  })

  it('refuses the sixth submission in a day with 429 and Retry-After', async () => {
    const busy = await signedInUser(db(), 'busy')
    const ids = ['1605.09101', '1605.09102', '1605.09103', '1605.09104', '1605.09105', '1605.09106']
    await catalogPapers(
      db(),
      ids.map((id) => ({ id, publishedAt: FRESH })),
    )
    for (const id of ids.slice(0, 5)) expect((await submit({ paper: id }, busy)).status).toBe(303)
    const res = await submit({ paper: ids[5]! }, busy)
    expect(res.status).toBe(429)
    // Over the limit, a paper the catalog lacks is not even looked up on arXiv.
    expect((await submit({ paper: '1605.08999' }, busy)).status).toBe(429)
    expect(arxiv.requests).toEqual([])
    expect(Number(res.headers.get('retry-after'))).toBe(24 * 3600)
    expect(textOf(await res.text())).toContain(
      'You can submit 5 papers a day (any 24 hours). You can submit again after 12:00 UTC.',
    )
  })

  it('follows SUBMIT_PER_DAY and SUBMIT_MAX_AGE_DAYS', async () => {
    vi.stubEnv('SUBMIT_PER_DAY', '1')
    vi.stubEnv('SUBMIT_MAX_AGE_DAYS', '90')
    try {
      const strict = communityApp(db(), () => NOW)
      const barbara = await signedInUser(db(), 'barbara')
      await catalogPapers(db(), [{ id: '1605.09201', publishedAt: FRESH }])
      const page = textOf(await (await strict.request('/submit', { headers: { cookie: barbara.cookie } })).text())
      expect(page).toContain('in the last 90 days')
      expect((await strict.request('/submit', formPost(BASE_URL, { paper: '1604.00001' }, barbara))).status).toBe(303)
      const second = await strict.request('/submit', formPost(BASE_URL, { paper: '1605.09201' }, barbara))
      expect(second.status).toBe(429)
      expect(textOf(await second.text())).toContain('You can submit 1 paper a day')
    } finally {
      vi.unstubAllEnvs()
    }
  })

  describe('hostile input', () => {
    it('answers 400 on the form for text that is no arXiv id, NUL bytes and 10 KB strings', async () => {
      const mallory = await signedInUser(db(), 'mallory')
      for (const paper of [
        'not a paper',
        '1605.09003\u0000',
        'x'.repeat(10_000),
        '<script>alert(1)</script>',
        '9999.99999',
      ]) {
        const res = await submit({ paper }, mallory)
        expect(res.status).toBe(400)
        const html = await res.text()
        expect(textOf(html)).toContain('Enter an arXiv id such as 2401.00001')
        expect(html).not.toContain('<script>alert')
        expect(html).not.toContain('\u0000')
      }
      const nul = await submit({ paper: '1605.09003', comment: 'a\u0000b' }, mallory)
      expect(nul.status).toBe(400)
      expect(textOf(await nul.text())).toContain('A comment has at most 10,000 characters')
      const long = await submit({ paper: '1605.09003', comment: 'y'.repeat(10_001) }, mallory)
      expect(long.status).toBe(400)
      expect((await getPaper(db(), '1605.09003'))!.featurings).toEqual([])
    })

    it('limits attempts to 30 an hour, answering 429 with Retry-After', async () => {
      const spammer = await signedInUser(db(), 'spammer')
      for (let i = 0; i < 30; i++) expect((await submit({ paper: 'nonsense' }, spammer)).status).toBe(400)
      const res = await submit({ paper: 'nonsense' }, spammer)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(textOf(await res.text())).toContain('Too many submission attempts in an hour')
    })

    it('refuses a form without the reader’s CSRF token', async () => {
      const eve = await signedInUser(db(), 'eve')
      const res = await submit({ paper: '1605.09003', _csrf: 'forged' }, eve)
      expect(res.status).toBe(403)
      expect((await getPaper(db(), '1605.09003'))!.featurings).toEqual([])
    })
  })

  describe('POST /api/v1/submissions', () => {
    it('answers 401 without a token', async () => {
      const res = await app.request('/api/v1/submissions', jsonRequest('POST', { paper: '1605.09003' }))
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: expect.stringContaining('personal access token') })
    })

    it('submits for the token’s owner, with a first comment', async () => {
      const donald = await signedInUser(db(), 'donald')
      const auth = await bearer(db(), donald)
      const res = await app.request(
        '/api/v1/submissions',
        jsonRequest('POST', { paper: '1605.09003', comment: 'API!' }, auth),
      )
      expect(res.status).toBe(201)
      expect(await res.json()).toEqual({
        paper_id: '1605.09003',
        title: 'A study numbered 1605.09003',
        featured_on: TODAY,
        submitted_by: 'donald',
        url: `${BASE_URL}/papers/1605.09003`,
      })
      expect((await commentsByUser(db(), donald.user.id, { limit: 5, offset: 0 }))[0]).toMatchObject({ body: 'API!' })
      const again = await app.request('/api/v1/submissions', jsonRequest('POST', { paper: '1605.09003' }, auth))
      expect(again.status).toBe(409)
      expect(await again.json()).toEqual({ error: expect.stringContaining('already on the daily list') })
    })

    it('answers 400 for bodies that are not what it takes', async () => {
      const frances = await signedInUser(db(), 'frances')
      const auth = await bearer(db(), frances)
      for (const body of [
        '{not json',
        JSON.stringify({ paper: 1605 }),
        JSON.stringify({}),
        JSON.stringify({ paper: 'x'.repeat(10_000) }),
        JSON.stringify({ paper: '1605.09010', comment: 'a\u0000' }),
      ]) {
        const res = await app.request('/api/v1/submissions', jsonRequest('POST', body, auth))
        expect(res.status).toBe(400)
        expect(await res.json()).toEqual({ error: expect.any(String) })
      }
      const form = await app.request('/api/v1/submissions', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/xml' },
        body: '1605.09010',
      })
      expect(form.status).toBe(400)
    })
  })
})
