import fc from 'fast-check'
import pino from 'pino'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeAlertBatch } from '../src/alerts/batch.js'
import { claimAlerts, markAlertSent } from '../src/alerts/outbox.js'
import { sendAlerts } from '../src/alerts/sender.js'
import { createApp } from '../src/app.js'
import { createUser } from '../src/community/accounts/store.js'
import type { StoredAlert } from '../src/alerts/stored-alert.js'
import type { FollowKind, FollowTables } from '../src/follows/schema.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import type { AlertTables } from '../src/alerts/schema.js'
import { BASE_URL, config } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { hostileText } from './support/hostile-text.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const SITE = { name: 'Paperboy', baseUrl: BASE_URL }
const logger = pino({ level: 'silent' })

/** Alert batches, the email outbox and the one-click unsubscribe, through a real SMTP server, on both databases. */
describeEachDatabase('alerts', (db) => {
  let smtp: SmtpSink
  let answers: Map<string, number[]>
  let nextPaper = 0
  let nextUser = 0

  beforeEach(async () => {
    answers = new Map()
    smtp = await startSmtpSink({ answerTo: (address) => answers.get(address)?.shift() })
    for (const table of ['alert_outbox', 'alert_sent_papers', 'alert_batches', 'alert_bounces', 'follows'])
      await db()
        .kysely.deleteFrom(table as never)
        .execute()
  })
  afterEach(() => smtp.close())

  const alertDb = () => db().kysely.withTables<AlertTables & FollowTables>()
  const deps = (clock = Date.now) => ({ db: db(), mailer: smtp.mailer, logger, site: SITE, clock })
  // A millisecond on: what was written in the batch's own last millisecond belongs to the next window.
  const batch = (cadence: 'instant' | 'daily' | 'weekly' = 'instant', now = Date.now() + 1) =>
    makeAlertBatch(db(), SITE, cadence, now)

  async function member(verified = true): Promise<{ id: number; email: string }> {
    const n = nextUser++
    const email = `reader${n}@lab.org`
    const now = new Date().toISOString()
    const user = await createUser(
      db(),
      {
        username: `reader${n}`,
        displayName: `Reader ${n}`,
        email,
        passwordHash: 'x',
        verifiedAt: verified ? now : null,
      },
      now,
    )
    return { id: user!.id, email }
  }

  async function follow(
    userId: number,
    kind: FollowKind,
    target: string,
    label = target,
    alert: 'instant' | 'daily' = 'instant',
  ): Promise<number> {
    const now = new Date().toISOString()
    const row = await alertDb()
      .insertInto('follows')
      .values({ user_id: userId, kind, target, label, alert, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async function ingest(papers: Partial<PaperRecord>[]): Promise<string[]> {
    const records = papers.map((p) => ({
      id: `2612.${String(10000 + nextPaper++)}`,
      title: 'Untitled',
      abstract: 'An abstract.',
      authors: ['Ada Lovelace'],
      categories: ['cs.LG'],
      publishedAt: new Date().toISOString(),
      version: 1,
      ...p,
    }))
    await upsertPapers(db(), records)
    return records.map((r) => r.id)
  }

  const outbox = () => alertDb().selectFrom('alert_outbox').selectAll().orderBy('id').execute()

  it('queues one email per follow with its matching papers and the reason; a second run queues nothing twice', async () => {
    const ada = await member()
    const byCategory = await follow(ada.id, 'category', 'cs.CV', 'cs.CV', 'daily')
    const bySearch = await follow(ada.id, 'search', 'q=diffusion', 'diffusion', 'daily')
    const [vision, diffusion] = await ingest([
      { title: 'A Vision Transformer', categories: ['cs.CV'] },
      { title: 'Diffusion Models Beat GANs' },
      { title: 'Unrelated Work' },
    ])
    const first = await batch('daily')
    expect(first).toMatchObject({ alerts: 2, emails: 2, already: false })
    const rows = await outbox()
    expect(rows.map((r) => [r.follow_id, r.status])).toEqual([
      [byCategory, 'queued'],
      [bySearch, 'queued'],
    ])
    const alerts = rows.map((r) => JSON.parse(r.alert) as StoredAlert)
    expect(alerts[0]!.papers.map((p) => [p.paperId, p.why])).toEqual([[vision, 'category cs.CV']])
    expect(alerts[1]!.papers.map((p) => [p.paperId, p.why])).toEqual([[diffusion, 'terms: diffusion']])
    expect(alerts[1]).toMatchObject({ userId: ada.id, cadence: 'daily', batch: first.batch, label: 'diffusion' })

    expect(await batch('daily')).toMatchObject({ already: true })
    // Tomorrow's batch, even over the same papers (its window lost), does not bring them again.
    await alertDb().deleteFrom('alert_batches').execute()
    expect(await batch('daily', Date.now() + 3_600_000)).toMatchObject({ alerts: 0, already: false })
    expect((await outbox()).length).toBe(2)
  })

  it('never alerts a follow twice about a paper, and tells it of a new version and a withdrawal', async () => {
    const ada = await member()
    const f = await follow(ada.id, 'author', 'Grace Hopper')
    const [paper] = await ingest([{ title: 'Compilers', authors: ['Grace Hopper'] }])
    expect(await batch()).toMatchObject({ alerts: 1 })
    await ingest([{ title: 'Another', authors: ['G. Hopper'] }])
    const second = await batch()
    expect(second.alerts).toBe(1)
    // The same paper again, as version 2: a change, told once.
    await new Promise((r) => setTimeout(r, 5))
    await upsertPapers(db(), [{ id: paper!, title: 'Compilers', version: 2, authors: ['Grace Hopper'] }])
    await batch()
    await upsertPapers(db(), [{ id: paper!, title: 'Compilers', withdrawn: true, authors: ['Grace Hopper'] }])
    await batch()
    expect(await batch()).toMatchObject({ alerts: 0 })
    const papers = (await outbox()).flatMap((r) => (JSON.parse(r.alert) as StoredAlert).papers)
    expect(papers.map((p) => [p.paperId, p.change ?? null])).toEqual([
      [paper, null],
      [expect.any(String), null],
      [paper, { kind: 'new-version', version: 2 }],
      [paper, { kind: 'withdrawn' }],
    ])
    expect((await outbox()).every((r) => r.follow_id === f)).toBe(true)
  })

  it('makes a batch that stopped half-way again, without queuing twice what it had written', async () => {
    const ada = await member()
    const grace = await member()
    await follow(ada.id, 'category', 'cs.LG')
    await follow(grace.id, 'category', 'cs.LG')
    await ingest([{ title: 'Half-way' }])
    const first = await batch()
    // As if the run had died after writing ada's alert only: her email stays, grace's is lost,
    // and the batch was never marked finished.
    await alertDb().deleteFrom('alert_outbox').where('user_id', '=', grace.id).execute()
    await alertDb()
      .deleteFrom('alert_sent_papers')
      .where('follow_id', 'in', (eb) => eb.selectFrom('follows').select('id').where('user_id', '=', grace.id))
      .execute()
    await alertDb().updateTable('alert_batches').set({ finished_at: null }).where('key', '=', first.batch).execute()
    const again = await batch()
    expect(again).toMatchObject({ batch: first.batch, since: first.since, until: first.until, alerts: 1 })
    expect((await outbox()).map((r) => [r.user_id, r.batch])).toEqual([
      [ada.id, first.batch],
      [grace.id, first.batch],
    ])
  })

  it('tells a collection’s followers of the papers put in it', async () => {
    const ada = await member()
    const grace = await member()
    const now = new Date().toISOString()
    const collection = await db()
      .kysely.insertInto('collections' as never)
      .values({ user_id: grace.id, name: 'Reading group', is_public: 1, created_at: now, updated_at: now } as never)
      .returning('id' as never)
      .executeTakeFirstOrThrow()
    const id = (collection as { id: number }).id
    await follow(ada.id, 'collection', String(id), 'Reading group')
    const [old] = await ingest([{ title: 'An Old Paper', publishedAt: '2001-01-01T00:00:00Z' }])
    await db()
      .kysely.insertInto('collection_items' as never)
      .values({ collection_id: id, paper_id: old, added_at: new Date().toISOString() } as never)
      .execute()
    const report = await batch()
    expect(report).toMatchObject({ alerts: 1 })
    const [row] = await outbox()
    expect((JSON.parse(row!.alert) as StoredAlert).papers.map((p) => [p.paperId, p.why])).toEqual([
      [old, 'added to the collection Reading group'],
    ])
  })

  it('leaves old papers a back-fill stores out of alerts', async () => {
    const ada = await member()
    await follow(ada.id, 'category', 'cs.LG')
    await batch() // what earlier tests stored
    await ingest([{ title: 'From the archive', publishedAt: '1999-01-01T00:00:00Z' }])
    expect(await batch()).toMatchObject({ papers: 0, alerts: 0 })
  })

  it('emails the alert with both parts, its reason, links and the one-click list headers', async () => {
    const ada = await member()
    await follow(ada.id, 'search', 'q=%22graph+neural%22', '"graph neural" <script>')
    const [paper] = await ingest([{ title: 'Graph Neural Networks at Scale', abstract: 'We study GNNs. They scale.' }])
    await batch()
    expect(await sendAlerts(deps())).toMatchObject({ sent: 1, failed: 0 })
    const mail = await smtp.nextMessageTo(ada.email)
    expect(mail.subject).toBe('Paperboy: 1 new paper · "graph neural" <script>')
    expect(mail.text).toContain('Graph Neural Networks at Scale')
    expect(mail.text).toContain('Why: terms: "graph neural"')
    expect(mail.html).toContain('Graph Neural Networks at Scale')
    expect(mail.html).toContain('&lt;script&gt;')
    expect(mail.html).not.toContain('<script>')
    expect(mail.links).toContain(`${BASE_URL}/papers/${paper}`)
    expect(mail.links).toContain(`https://arxiv.org/abs/${paper}`)
    expect(mail.links).toContain(`${BASE_URL}/settings/follows`)
    const list = mail.headers.get('list') as {
      id: { id: string }
      unsubscribe: { url: string }
      'unsubscribe-post': { name: string }
    }
    expect(list.id.id).toBe('alerts.papers.example.org')
    expect(list.unsubscribe.url).toMatch(/^https:\/\/papers\.example\.org\/alerts\/unsubscribe\?f=\d+\.[\w-]{22}$/)
    expect(mail.links).toContain(list.unsubscribe.url)
    expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click')
    expect(await sendAlerts(deps())).toMatchObject({ sent: 0 })
  })

  it('turns off the email of that follow only with the one-click POST, before a queued email goes', async () => {
    const ada = await member()
    const vision = await follow(ada.id, 'category', 'cs.CV')
    const language = await follow(ada.id, 'category', 'cs.CL')
    await ingest([
      { title: 'Seeing', categories: ['cs.CV'] },
      { title: 'Talking', categories: ['cs.CL'] },
    ])
    await batch()
    await sendAlerts(deps())
    const both = [await smtp.nextMessageTo(ada.email), await smtp.nextMessageTo(ada.email)]
    const seeing = both.find((m) => m.text.includes('Seeing'))!
    const unsubscribe = (seeing.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url
    const app = createApp({ config, db: db(), logger, mailer: smtp.mailer })
    // What a mail provider sends (RFC 8058): no cookie, no form token, another origin.
    const response = await app.request(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Alert emails stopped')
    const follows = await alertDb().selectFrom('follows').select(['id', 'alert_email']).orderBy('id').execute()
    expect(follows.map((f) => [f.id, f.alert_email])).toEqual([
      [vision, 0],
      [language, 1],
    ])
    // The follow stays; its next papers reach the other follow's email only.
    await ingest([
      { title: 'Seeing more', categories: ['cs.CV'] },
      { title: 'Talking more', categories: ['cs.CL'] },
    ])
    expect(await batch()).toMatchObject({ alerts: 2, emails: 1 })
    await sendAlerts(deps())
    expect((await smtp.nextMessageTo(ada.email)).text).toContain('Talking more')
    expect(smtp.messagesTo(ada.email).length).toBe(3)
  })

  it('skips a queued email whose follow was unsubscribed after it was queued', async () => {
    const ada = await member()
    const f = await follow(ada.id, 'category', 'cs.LG')
    await ingest([{ title: 'Queued' }])
    await batch()
    await alertDb().updateTable('follows').set({ alert_email: 0 }).where('id', '=', f).execute()
    expect(await sendAlerts(deps())).toMatchObject({ sent: 0, skipped: 1 })
  })

  it('answers a forged, cut or hostile unsubscribe link with a 404 page, never a 500', async () => {
    const ada = await member()
    const f = await follow(ada.id, 'category', 'cs.LG')
    const app = createApp({ config, db: db(), logger, mailer: smtp.mailer })
    for (const token of [`${f}.AAAAAAAAAAAAAAAAAAAAAA`, `${f}`, '', `${f}.x'; drop table follows; --`]) {
      for (const method of ['GET', 'POST']) {
        const r = await app.request(`/alerts/unsubscribe?f=${encodeURIComponent(token)}`, { method })
        expect(r.status, `${method} ${token}`).toBe(404)
      }
    }
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const token = text.replace(/\p{Cs}/gu, '') // what a URL can carry
        const r = await app.request(`/alerts/unsubscribe?f=${encodeURIComponent(token)}`, { method: 'POST' })
        expect([400, 404]).toContain(r.status)
      }),
      { numRuns: 40 },
    )
    expect((await alertDb().selectFrom('follows').select('alert_email').executeTakeFirstOrThrow()).alert_email).toBe(1)
  })

  it('sends nothing to an unverified address', async () => {
    const ada = await member(false)
    await follow(ada.id, 'category', 'cs.LG')
    await ingest([{ title: 'Anything' }])
    await batch()
    expect(await sendAlerts(deps())).toMatchObject({ sent: 0, skipped: 1 })
  })

  it('retries a deferred email (451) later, fails a refused one (550) and stops after repeated bounces', async () => {
    const busy = await member()
    const gone = await member()
    await follow(busy.id, 'category', 'cs.LG')
    await follow(gone.id, 'category', 'cs.LG')
    answers.set(busy.email, [451])
    answers.set(gone.email, [550, 550, 550])
    let clock = Date.now()
    for (let round = 0; round < 3; round++) {
      await ingest([{ title: `Round ${round}` }])
      await batch('instant')
      await sendAlerts(deps(() => clock))
      clock += 2 * 3_600_000 // past any backoff
    }
    await sendAlerts(deps(() => clock))
    expect(smtp.messagesTo(busy.email).length).toBe(3)
    expect(smtp.messagesTo(gone.email).length).toBe(0)
    await ingest([{ title: 'After the bounces' }])
    await batch('instant')
    expect(await sendAlerts(deps(() => clock))).toMatchObject({ sent: 1, skipped: 1 })
    const statuses = (await outbox()).filter((r) => r.user_id === gone.id).map((r) => r.status)
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'skipped'])
  })

  it('resumes after a sender died mid-run, without sending anything twice', async () => {
    const members = await Promise.all([1, 2, 3].map(() => member()))
    for (const m of members) await follow(m.id, 'category', 'cs.LG')
    await ingest([{ title: 'Crash test' }])
    await batch()
    // A sender claims every email, gets the first one out, and dies before sending the rest.
    const claimed = await claimAlerts(db(), 10, new Date().toISOString(), new Date(Date.now() + 300_000).toISOString())
    expect(claimed.length).toBe(3)
    await markAlertSent(db(), claimed[0]!.id, '<sent.before@crash>', new Date().toISOString())
    await sendAlerts(deps()) // the others are leased to the dead sender: nothing to take yet
    expect(smtp.messages.length).toBe(0)
    const later = Date.now() + 301_000
    expect(await sendAlerts(deps(() => later))).toMatchObject({ sent: 2 })
    expect(await sendAlerts(deps(() => later + 301_000))).toMatchObject({ sent: 0 })
    const firstOwner = members.find((m) => m.id === claimed[0]!.userId)!
    for (const m of members) expect(smtp.messagesTo(m.email).length).toBe(m === firstOwner ? 0 : 1)
  })

  it('reads hostile follow targets without failing the batch', async () => {
    const ada = await member()
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        // PostgreSQL text cannot hold NUL, nor a URL a lone surrogate; the follows form refuses both.
        const clean = text.replace(/\0/g, '').replace(/\p{Cs}/gu, '')
        await alertDb().deleteFrom('follows').execute()
        await follow(ada.id, 'search', `q=${encodeURIComponent(clean)}`, clean)
        await follow(ada.id, 'author', clean || 'x', clean)
        await makeAlertBatch(db(), SITE, 'instant', Date.now(), { dryRun: true })
      }),
      { numRuns: 25 },
    )
  })
})
