import { beforeAll, describe, expect, it } from 'vitest'
import { activateAccountSubscription, upsertFollow } from '../src/account-data/store.js'
import { addToCollection, createCollection, listCollections } from '../src/community/collections/store.js'
import { addComment, deleteComment } from '../src/community/comments/store.js'
import { startTwoFactor } from '../src/community/accounts/two-factor-store.js'
import { newTotpSecret } from '../src/community/accounts/two-factor.js'
import { setUpvotesPublic } from '../src/community/profiles/store.js'
import { recordSubmission } from '../src/community/submissions/store.js'
import { setVote } from '../src/community/votes/store.js'
import { savePreferences } from '../src/digest/store.js'
import { exportPapers } from '../src/papers/citation/export.js'
import { getPapers } from '../src/papers/store.js'
import { type SignedIn, signedInUser, TEST_PASSWORD } from './support/accounts.js'
import { BASE_URL, bearer, catalogPapers, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'

/** A member's data out (one JSON file) and in again, plus arxiv-sanity tags and BibTeX files. */
const NOW = Date.parse('2026-03-04T12:00:00Z')
const PAPERS = ['2603.00001', '2603.00002', '2603.00003', 'hep-th/9901001']
const DATA = '/settings/data'
const IMPORT = {
  account: '/settings/data/import/account',
  sanity: '/settings/data/import/arxiv-sanity',
  bibtex: '/settings/data/import/bibtex',
}

type Json = Record<string, any>

describeEachDatabase('account data', (db) => {
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  let token: string
  let totpSecret: string
  beforeAll(async () => {
    app = communityApp(db(), () => NOW)
    await catalogPapers(
      db(),
      PAPERS.map((id, i) => ({ id, publishedAt: '2026-03-01T00:00:00Z', title: `Paper number ${i + 1}` })),
    )
    ada = await signedInUser(db(), 'ada')
    token = (await bearer(db(), ada)).authorization.slice('Bearer '.length)
    totpSecret = newTotpSecret()
    await startTwoFactor(db(), ada.user.id, totpSecret, new Date(NOW).toISOString())
    await seedAda(ada.user.id, ada.user.email)
  })

  const iso = (offsetMin = 0) => new Date(NOW - offsetMin * 60_000).toISOString()
  async function seedAda(id: number, email: string) {
    await setUpvotesPublic(db(), id, true)
    const follow = { qualifiers: [], alert: 'off', alert_email: true } as const
    await upsertFollow(
      db(),
      id,
      { ...follow, kind: 'author', target: 'Ann Author', label: 'Ann Author', qualifiers: ['Bo Co'] },
      iso(50),
    )
    await upsertFollow(
      db(),
      id,
      { ...follow, kind: 'category', target: 'cs.LG', label: 'cs.LG', alert: 'daily' },
      iso(49),
    )
    await upsertFollow(db(), id, { ...follow, kind: 'search', target: 'q=diffusion', label: 'diffusion' }, iso(48))
    for (const paper of [PAPERS[0]!, PAPERS[3]!]) await setVote(db(), id, paper, true, iso(40))
    const first = await addComment(db(), { paperId: PAPERS[0]!, userId: id, body: 'A *clear* ablation.' }, iso(30))
    await addComment(
      db(),
      { paperId: PAPERS[0]!, userId: id, body: 'Replying to myself.', parentId: first.id },
      iso(29),
    )
    const gone = await addComment(db(), { paperId: PAPERS[1]!, userId: id, body: 'Taken back.' }, iso(28))
    await deleteComment(db(), gone.id, id, iso(27))
    const reading = await createCollection(
      db(),
      id,
      { name: 'Reading group', description: 'Thursdays', isPublic: true },
      iso(20),
    )
    await addToCollection(db(), reading.id, PAPERS[1]!, iso(19))
    await addToCollection(db(), reading.id, PAPERS[2]!, iso(18))
    await createCollection(db(), id, { name: 'Empty and private', description: '', isPublic: false }, iso(17))
    await recordSubmission(db(), id, PAPERS[2]!, iso(10))
    const sub = (await activateAccountSubscription(db(), id, email, iso(5)))!
    const prefs = {
      frequency: 'weekly',
      everyDay: false,
      categories: ['cs.LG'],
      keywords: ['diffusion'],
      maxPapers: 20,
      paused: false,
    } as const
    await savePreferences(db(), sub, prefs, iso(5))
  }

  const download = async (who: SignedIn) => {
    const res = await app.request(`${DATA}/export`, { headers: { cookie: who.cookie } })
    expect(res.status).toBe(200)
    return { res, text: await res.text() }
  }
  const upload = (
    path: string,
    file: { name: string; content: string | Uint8Array; type?: string } | null,
    who: SignedIn | null,
    fields: Record<string, string> = {},
  ) => {
    const body = new FormData()
    if (who) body.set('_csrf', who.csrf)
    for (const [k, v] of Object.entries(fields)) body.set(k, v)
    if (file) body.set('file', new File([file.content], file.name, { type: file.type ?? 'application/json' }))
    return app.request(path, {
      method: 'POST',
      body,
      headers: { origin: BASE_URL, ...(who && { cookie: who.cookie }) },
    })
  }
  const importJson = (who: SignedIn, value: unknown, path = IMPORT.account) =>
    upload(path, { name: 'data.json', content: typeof value === 'string' ? value : JSON.stringify(value) }, who)
  const frame = (extra: Json = {}) => ({ format: 'paperboy.account', version: 1, ...extra })

  describe('the export', () => {
    it('sends a logged-out reader to log in', async () => {
      for (const path of [DATA, `${DATA}/export`]) {
        const res = await app.request(path)
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(DATA)}`)
      }
    })

    it('downloads everything the member made as one versioned JSON file', async () => {
      const { res, text } = await download(ada)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="paperboy-ada-2026-03-04.json"')
      expect(res.headers.get('cache-control')).toBe('no-store')
      const file = JSON.parse(text)
      expect(file).toMatchObject({
        format: 'paperboy.account',
        version: 1,
        exported_at: '2026-03-04T12:00:00.000Z',
        account: { username: 'ada', display_name: 'ada', email: 'ada@lab.example.org' },
        profile: { upvotes_public: true },
      })
      expect(file.follows).toEqual([
        {
          kind: 'author',
          target: 'Ann Author',
          qualifiers: ['Bo Co'],
          label: 'Ann Author',
          alert: 'off',
          alert_email: true,
          created_at: iso(50),
        },
        {
          kind: 'category',
          target: 'cs.LG',
          qualifiers: [],
          label: 'cs.LG',
          alert: 'daily',
          alert_email: true,
          created_at: iso(49),
        },
        {
          kind: 'search',
          target: 'q=diffusion',
          qualifiers: [],
          label: 'diffusion',
          alert: 'off',
          alert_email: true,
          created_at: iso(48),
        },
      ])
      expect(file.votes).toEqual([
        { paper_id: PAPERS[0], voted_at: iso(40) },
        { paper_id: PAPERS[3], voted_at: iso(40) },
      ])
      expect(file.comments.map((c: Json) => [c.body, c.deleted, c.parent_id === null])).toEqual([
        ['A *clear* ablation.', false, true],
        ['Replying to myself.', false, false],
        ['', true, true],
      ])
      expect(file.collections).toEqual([
        { name: 'Empty and private', description: '', public: false, created_at: iso(17), items: [] },
        {
          name: 'Reading group',
          description: 'Thursdays',
          public: true,
          created_at: iso(20),
          items: [
            { paper_id: PAPERS[2], added_at: iso(18) },
            { paper_id: PAPERS[1], added_at: iso(19) },
          ],
        },
      ])
      expect(file.submissions).toEqual([{ paper_id: PAPERS[2], submitted_at: iso(10) }])
      expect(file.subscriptions).toEqual([
        {
          email: 'ada@lab.example.org',
          frequency: 'weekly',
          every_day: false,
          categories: ['cs.LG'],
          keywords: ['diffusion'],
          max_papers: 20,
          paused: false,
          status: 'active',
        },
      ])
    })

    it('never holds a password, hash, session, token or two-factor secret', async () => {
      const { text } = await download(ada)
      for (const secret of [TEST_PASSWORD, token, totpSecret, ada.cookie.split('=')[1]!, ada.csrf, '$argon2']) {
        expect(text).not.toContain(secret)
      }
      expect(text).not.toMatch(/password|hash|session|secret|token/i)
    })
  })

  describe('the round trip', () => {
    /** The file without what belongs to one account or one moment (docs/decisions/0029). */
    const comparable = (file: Json) => ({
      profile: file.profile,
      follows: file.follows.map(({ created_at: _, ...f }: Json) => f),
      votes: file.votes.map((v: Json) => v.paper_id),
      collections: file.collections.map(({ created_at: _, ...c }: Json) => c),
      subscriptions: file.subscriptions.map(({ email: _, ...s }: Json) => s),
    })

    it('imports an export into a fresh account, whose export is then the same', async () => {
      const exported = JSON.parse((await download(ada)).text)
      const [before] = await getPapers(db(), [PAPERS[0]!])
      const cy = await signedInUser(db(), 'cy')
      const res = await importJson(cy, exported)
      expect(res.status).toBe(200)
      const text = textOf(await res.text())
      expect(text).toContain('Account file imported')
      expect(text).toContain('3 follows (3 new)')
      expect(text).toContain('2 upvotes')
      expect(text).toContain('New collection “Reading group”: 2 papers added')
      expect(text).toContain('3 comments not posted again')
      expect(text).toContain('1 submission not made again')
      expect(text).toContain('The weekly digest to cy@lab.example.org')
      const again = JSON.parse((await download(cy)).text)
      expect(comparable(again)).toEqual(comparable(exported))
      expect(again.comments).toEqual([])
      expect(again.submissions).toEqual([])
      expect(again.subscriptions[0].email).toBe('cy@lab.example.org')
      // Through the votes feature: the paper's count moved with the vote.
      const [after] = await getPapers(db(), [PAPERS[0]!])
      expect(after!.upvotes).toBe(before!.upvotes + 1)
    })

    it('changes nothing when the same file is imported twice', async () => {
      const exported = JSON.parse((await download(ada)).text)
      const dee = await signedInUser(db(), 'dee')
      await importJson(dee, exported)
      const once = JSON.parse((await download(dee)).text)
      const res = await importJson(dee, exported)
      expect(textOf(await res.text())).toContain(
        'Collection “Reading group”: 0 papers added (it held them all already)',
      )
      expect(JSON.parse((await download(dee)).text)).toEqual(once)
    })

    it('merges a collection by name, keeping its own description and papers', async () => {
      const eve = await signedInUser(db(), 'eve')
      const own = await createCollection(
        db(),
        eve.user.id,
        { name: 'Reading group', description: 'Mine', isPublic: false },
        iso(),
      )
      await addToCollection(db(), own.id, PAPERS[0]!, iso())
      await importJson(eve, frame({ collections: [{ name: 'Reading group', items: [{ paper_id: PAPERS[1] }] }] }))
      const [merged, ...others] = await listCollections(db(), eve.user.id, { all: true })
      expect(others).toEqual([])
      expect(merged).toMatchObject({ id: own.id, description: 'Mine', isPublic: false, paperCount: 2 })
    })
  })
})
