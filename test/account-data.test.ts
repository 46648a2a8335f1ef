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
    token = (await bearer(db(), ada)).authorization!.slice('Bearer '.length)
    totpSecret = newTotpSecret()
    await startTwoFactor(db(), ada.user.id, totpSecret, new Date(NOW).toISOString())
    await seedAda(ada.user.id, ada.user.email)
  })

  const iso = (offsetMin = 0) => new Date(NOW - offsetMin * 60_000).toISOString()
  async function seedAda(id: number, email: string) {
    await setUpvotesPublic(db(), id, true)
    const follow = { qualifiers: [] as string[], alert: 'off' as const, alert_email: true }
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
      frequency: 'weekly' as const,
      everyDay: false,
      categories: ['cs.LG'],
      keywords: ['diffusion'],
      maxPapers: 20,
      paused: false,
    }
    await savePreferences(db(), sub, prefs, iso(5))
  }

  const download = async (who: SignedIn) => {
    const res = await app.request(`${DATA}/export`, { headers: { cookie: who.cookie } })
    expect(res.status).toBe(200)
    return { res, text: await res.text() }
  }
  const upload = (
    path: string,
    file: { name: string; content: string | Uint8Array<ArrayBuffer>; type?: string } | null,
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

  describe('the API', () => {
    it('gives a token owner the same file as the page, and is described in the OpenAPI document', async () => {
      const res = await app.request('/api/v1/me/export', { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const { exported_at: _, ...viaApi } = (await res.json()) as Json
      const { exported_at: __, ...viaPage } = JSON.parse((await download(ada)).text)
      expect(viaApi).toEqual(viaPage)
      expect((await app.request('/api/v1/me/export')).status).toBe(401)
      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json
      expect(doc.paths['/api/v1/me/export'].get.operationId).toBe('exportMyAccount')
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

  describe('hostile files', () => {
    let fay: SignedIn
    let n = 0
    beforeAll(async () => {
      fay = await signedInUser(db(), 'fay')
    })
    /** A member of their own for each file, so that the import limit never answers first. */
    const member = () => signedInUser(db(), `hostile${n++}`)
    const refused = async (send: (who: SignedIn) => Response | Promise<Response>, status: number, message: string) => {
      const who = await member()
      const res = await send(who)
      expect(res.status).toBe(status)
      expect(textOf(await res.text())).toContain(message)
      const file = JSON.parse((await download(who)).text)
      expect([file.follows, file.votes, file.collections, file.subscriptions]).toEqual([[], [], [], []])
    }
    const json = (value: unknown) => (who: SignedIn) => importJson(who, value)

    it('refuses what is not an account file, with a clear message, writing nothing', async () => {
      await refused(json('not json {'), 400, 'The file is not JSON')
      await refused(json({ votes: [] }), 400, 'this is not a Paperboy account file')
      await refused(json(frame({ version: 2 })), 400, 'this Paperboy reads version 1 account files')
      await refused(json([1, 2, 3]), 400, 'This account file cannot be imported')
      await refused(json(frame({ follows: 'all of them' })), 400, 'follows must be a list')
      const votes = Array.from({ length: 10_001 }, () => ({ paper_id: PAPERS[0] }))
      await refused(json(frame({ votes })), 400, 'votes has more than 10000 entries')
      const many = Array.from({ length: 6 }, (_, i) => ({ name: `c${i}`, items: votes.slice(0, 2000) }))
      await refused(json(frame({ collections: many })), 400, 'the collections hold more than 10000 papers in all')
      await refused(json('['.repeat(100_000) + ']'.repeat(100_000)), 400, 'This account file cannot be imported')
      await refused(json('{"format": "paperboy.account", \u0000}'), 400, 'The file is not JSON')
      const latin1 = new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]) // {"é"} in Latin-1
      await refused((who) => upload(IMPORT.account, { name: 'x.json', content: latin1 }, who), 400, 'not UTF-8 text')
      await refused((who) => upload(IMPORT.account, null, who), 400, 'Choose a file to import')
      const empty = { name: 'empty.json', content: '' }
      await refused((who) => upload(IMPORT.account, empty, who), 400, 'Choose a file to import')
    })

    it('answers 413 to a file of 10 MB', async () => {
      const big = { name: 'big.json', content: JSON.stringify(frame({ comments: [{ body: 'x'.repeat(10_000_000) }] })) }
      await refused((who) => upload(IMPORT.account, big, who), 413, 'too large')
    })

    it('skips each bad record with the reason, and imports the rest', async () => {
      const res = await importJson(
        fay,
        frame({
          follows: [
            { kind: 'author', target: 'Ann Author', label: 'Ann', alert: 'off' },
            { kind: 'planet', target: 'Mars', label: 'Mars', alert: 'off' },
            { kind: 'category', target: 'not a category!', label: 'x', alert: 'off' },
            { kind: 'author', target: 'Nul\u0000Byte', label: 'x', alert: 'off' },
            { kind: 'author', target: 'Lone \uD800 half', label: 'x', alert: 'off' },
            { kind: 'collection', target: '999999', label: 'Someone else’s', alert: 'off' },
            'just a string',
          ],
          votes: [
            { paper_id: PAPERS[1] },
            { paper_id: PAPERS[1] },
            { paper_id: '2601.99999' },
            { paper_id: '<script>' },
            {},
          ],
          collections: [
            { name: '', items: [] },
            { name: "'; DROP TABLE collections; --", items: [{ paper_id: PAPERS[0] }, { paper_id: PAPERS[0] }] },
            { name: '<b>Markup</b>', description: 'x'.repeat(3000), items: [] },
            { name: 'Nul\u0000name', items: [] },
          ],
          subscriptions: [{ frequency: 'hourly', max_papers: 10, status: 'active' }],
        }),
      )
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).not.toContain('<b>Markup</b>')
      expect(html).not.toContain('<script>')
      const text = textOf(html)
      for (const line of [
        '1 follow (1 new)',
        '1 upvote',
        "New collection “'; DROP TABLE collections; --”: 1 paper added",
        'follow 2 kind must be author, category, search, collection or collected',
        'follow 3 the category is not an arXiv category like cs.LG',
        'follow 4 target has characters that are not text',
        'follow 5 target has characters that are not text',
        'follow 6 collection 999999 is not a public collection on this site',
        'follow 7 it is not a record (a JSON object of fields)',
        'vote 5 paper_id must be text',
        'vote, paper “<script>” it is not a paper id',
        'collection 1 name is empty',
        'collection 3 description is longer than 2000 characters',
        'collection 4 name has characters that are not text',
        'digest subscription 1 frequency must be daily or weekly',
        '12 records skipped',
        'Not in the catalog yet',
        '2601.99999',
      ]) {
        expect(text).toContain(line)
      }
      const file = JSON.parse((await download(fay)).text)
      expect(file.follows.map((f: Json) => f.target)).toEqual(['Ann Author'])
      expect(file.votes.map((v: Json) => v.paper_id)).toEqual([PAPERS[1]])
      expect(file.collections).toMatchObject([
        { name: "'; DROP TABLE collections; --", items: [{ paper_id: PAPERS[0] }] },
      ])
      expect(file.subscriptions).toEqual([])
    })
  })

  describe('who may import', () => {
    it('sends a logged-out reader to log in, and writes nothing', async () => {
      const res = await upload(IMPORT.account, { name: 'a.json', content: JSON.stringify(frame()) }, null)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(DATA)}`)
    })

    it('refuses a form without the member’s CSRF token', async () => {
      const gus = await signedInUser(db(), 'gus')
      const body = new FormData()
      body.set('file', new File([JSON.stringify(frame({ votes: [{ paper_id: PAPERS[0] }] }))], 'a.json'))
      for (const csrf of [undefined, 'forged']) {
        if (csrf) body.set('_csrf', csrf)
        const res = await app.request(IMPORT.account, {
          method: 'POST',
          body,
          headers: { origin: BASE_URL, cookie: gus.cookie },
        })
        expect(res.status).toBe(403)
      }
      expect(JSON.parse((await download(gus)).text).votes).toEqual([])
    })

    it('still refuses a file sent to a form that takes none', async () => {
      const res = await upload('/settings/profile', { name: 'a.txt', content: 'x' }, ada, { display_name: 'Ada' })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('The form field “file” must be text.')
    })

    it('asks a member to confirm their address first', async () => {
      const hal = await signedInUser(db(), 'hal', { verified: false })
      const res = await importJson(hal, frame())
      expect(res.status).toBe(403)
      expect(textOf(await res.text())).toContain('Confirm your email address first')
    })

    it('limits imports to 10 an hour per member, and says so', async () => {
      const ivy = await signedInUser(db(), 'ivy')
      for (let i = 0; i < 10; i++) expect((await importJson(ivy, frame())).status).toBe(200)
      const res = await importJson(ivy, frame())
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBeTruthy()
      expect(textOf(await res.text())).toContain('Too many imports in an hour')
    })
  })

  describe('arxiv-sanity tags', () => {
    it('makes each tag a private collection of its papers, listing unknown ones and skipping non-ids', async () => {
      const jo = await signedInUser(db(), 'jo')
      const tags = {
        rl: ['2603.00001v2', 'arXiv:2603.00002', '2603.00001', 'https://arxiv.org/abs/2603.00003v1', '2601.99999'],
        'old strings': ['hep-th/9901001v1'],
        empty: [],
        broken: 'not a list',
        '': ['2603.00001'],
        junk: ['not-an-id', 42],
      }
      const res = await importJson(jo, tags, IMPORT.sanity)
      expect(res.status).toBe(200)
      const text = textOf(await res.text())
      expect(text).toContain('arxiv-sanity tags imported')
      expect(text).toContain('New collection “rl”: 3 papers added')
      expect(text).toContain('New collection “old strings”: 1 paper added')
      expect(text).toContain('tag “broken” its papers are not a list of arXiv ids')
      expect(text).toContain('tag “” Give the collection a name.')
      expect(text).toContain('tag “junk” “not-an-id” is not an arXiv id')
      expect(text).toContain('tag “junk” “42” is not an arXiv id')
      expect(text).toContain('2601.99999')
      const file = JSON.parse((await download(jo)).text)
      const byName = Object.fromEntries(file.collections.map((c: Json) => [c.name, c]))
      expect(Object.keys(byName).sort()).toEqual(['empty', 'junk', 'old strings', 'rl'])
      expect(byName.rl.public).toBe(false)
      // In the file's order: the first tagged paper tops the list.
      expect(byName.rl.items.map((i: Json) => i.paper_id)).toEqual([PAPERS[0], PAPERS[1], PAPERS[2]])
      expect(byName['old strings'].items.map((i: Json) => i.paper_id)).toEqual(['hep-th/9901001'])
    })

    it('skips hostile tag names with the reason, and shows markup in one as text', async () => {
      const res = await importJson(
        await signedInUser(db(), 'hostile_tags'),
        {
          ['x'.repeat(10_000)]: [PAPERS[0]],
          'nul\u0000tag': [PAPERS[0]],
          'lone \uD800 half': [PAPERS[0]],
          '<script>alert(1)</script>': [PAPERS[0]],
          "'; DROP TABLE collections; --": [PAPERS[1]],
        },
        IMPORT.sanity,
      )
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).not.toContain('<script>alert(1)</script>')
      const text = textOf(html)
      expect(text).toContain('A name has at most 100 characters.')
      expect(text).toContain('tag “nul\u0000tag” A name is one line of text.')
      expect(text).toContain('New collection “<script>alert(1)</script>”: 1 paper added')
      expect(text).toContain("New collection “'; DROP TABLE collections; --”: 1 paper added")
    })

    it('refuses a library of more than 10,000 tagged papers', async () => {
      const lib = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`t${i}`, Array(2000).fill(PAPERS[0])]))
      const res = await importJson(await signedInUser(db(), 'big_library'), lib, IMPORT.sanity)
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('The tags hold 12000 papers in all; we import at most 10000 at once.')
    })

    it('refuses a file that is not a tag mapping', async () => {
      const kim = await signedInUser(db(), 'kim')
      const res = await importJson(kim, ['2603.00001'], IMPORT.sanity)
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('An arxiv-sanity tag file is a JSON object of tag names')
    })
  })

  describe('BibTeX', () => {
    const bib = (body: string, name = 'refs.bib') => ({ name, content: body, type: 'text/x-bibtex' })
    const STYLES = `
@misc{arxivstyle, title = {One}, eprint = {2603.00001v2}, archivePrefix = {arXiv}, primaryClass = {cs.LG}}
@article{biblatex, title = {Two}, eprinttype = {arxiv}, eprint = {2603.00002}}
@misc{byurl, title = {Three}, url = {https://arxiv.org/abs/2603.00003}}
@article{bydoi, title = {Old}, doi = {10.48550/arXiv.hep-th/9901001}}
@article{scholar, title = {Again}, journal = {arXiv preprint arXiv:2603.00002}}
@book{knuth, title = {The Art of Computer Programming}, publisher = {Addison-Wesley}}
@article{unknown, eprint = {2601.99999}, archivePrefix = {arXiv}}
`

    it('adds every entry that names an arXiv paper, in any style, and skips the others', async () => {
      const lu = await signedInUser(db(), 'lu')
      const res = await upload(IMPORT.bibtex, bib(STYLES, 'thesis.bib'), lu, { collection: 'new', name: '' })
      expect(res.status).toBe(200)
      const text = textOf(await res.text())
      expect(text).toContain('New collection “thesis”: 4 papers added')
      expect(text).toContain('entry 6 (knuth) it names no arXiv id')
      expect(text).toContain('2601.99999')
      const [collection] = JSON.parse((await download(lu)).text).collections
      expect(collection.items.map((i: Json) => i.paper_id)).toEqual([PAPERS[0], PAPERS[1], PAPERS[2], PAPERS[3]])
    })

    it('adds into an existing collection of the member, and no one else’s', async () => {
      const mo = await signedInUser(db(), 'mo')
      const own = await createCollection(db(), mo.user.id, { name: 'Mine', description: '', isPublic: false }, iso())
      await upload(IMPORT.bibtex, bib(STYLES), mo, { collection: String(own.id) })
      expect((await listCollections(db(), mo.user.id, { all: true }))[0]!.paperCount).toBe(4)
      const ned = await signedInUser(db(), 'ned')
      const res = await upload(IMPORT.bibtex, bib(STYLES), ned, { collection: String(own.id) })
      expect(textOf(await res.text())).toContain('that collection is not yours')
      expect((await listCollections(db(), mo.user.id, { all: true }))[0]!.paperCount).toBe(4)
    })

    it('reads back a collection exported as BibTeX: the same papers', async () => {
      const oz = await signedInUser(db(), 'oz')
      const papers = await getPapers(db(), PAPERS)
      const exported = exportPapers('bib', papers, (p) => `${BASE_URL}/papers/${p.id}`)
      await upload(IMPORT.bibtex, bib(exported), oz, { collection: 'new', name: 'Round trip' })
      const [collection] = JSON.parse((await download(oz)).text).collections
      expect(collection.name).toBe('Round trip')
      expect(collection.items.map((i: Json) => i.paper_id).sort()).toEqual([...PAPERS].sort())
    })

    it('refuses a hostile collection name or choice with a clear 400, making nothing', async () => {
      const qi = await signedInUser(db(), 'qi')
      const cases: [Record<string, string>, string, string][] = [
        [
          { collection: 'new', name: 'Nul\u0000name' },
          'refs.bib',
          'The new collection’s name: A name is one line of text.',
        ],
        [
          { collection: 'new', name: 'x'.repeat(10_000) },
          'refs.bib',
          'The new collection’s name: A name has at most 100',
        ],
        [{ collection: '1; DROP TABLE collections; --' }, 'refs.bib', 'Choose a collection, or a new one.'],
        [{ collection: '99999999999' }, 'refs.bib', 'Choose a collection, or a new one.'],
      ]
      for (const [fields, name, message] of cases) {
        const res = await upload(IMPORT.bibtex, bib(STYLES, name), qi, fields)
        expect(res.status, message).toBe(400)
        expect(textOf(await res.text())).toContain(message)
      }
      expect(await listCollections(db(), qi.user.id, { all: true })).toEqual([])
    })

    it('refuses a file that is not BibTeX, saying where, and makes no collection', async () => {
      const pia = await signedInUser(db(), 'pia')
      const res = await upload(IMPORT.bibtex, bib('@article{broken, title = {unclosed}\n@book{x, title={y}}'), pia, {
        collection: 'new',
      })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toMatch(/This is not a BibTeX file we can read \(at line \d+ col \d+\)/)
      const none = await upload(IMPORT.bibtex, bib('@book{knuth, title = {TAOCP}}'), pia, {
        collection: 'new',
        name: 'X',
      })
      expect(textOf(await none.text())).toContain('entry 1 (knuth) it names no arXiv id')
      expect(await listCollections(db(), pia.user.id, { all: true })).toEqual([])
    })
  })
})
