import pino from 'pino'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeAlertBatch } from '../src/alerts/batch.js'
import type { AlertTables } from '../src/alerts/schema.js'
import { sendAlerts } from '../src/alerts/sender.js'
import type { StoredAlert } from '../src/alerts/stored-alert.js'
import { addToCollection, createCollection } from '../src/community/collections/store.js'
import type { FollowTables } from '../src/follows/schema.js'
import { listFollows } from '../src/follows/store.js'
import type { PaperRecord } from '../src/papers/model.js'
import { markWithdrawn, upsertPapers } from '../src/papers/upsert.js'
import { createWebhook } from '../src/webhooks/store.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const SITE = { name: 'Paperboy', baseUrl: BASE_URL }

/**
 * Issue 15, point 5: a member hears through their alerts when a paper in one of their collections
 * gets a new arXiv version or is withdrawn: once per change, and not again through a follow.
 */
describeEachDatabase('alerts about collected papers', (db) => {
  let smtp: SmtpSink
  let nextPaper = 0
  let nextUser = 0

  beforeEach(async () => {
    smtp = await startSmtpSink({ answerTo: () => undefined })
    for (const table of ['alert_outbox', 'alert_sent_papers', 'alert_batches', 'webhook_deliveries', 'follows'])
      await db()
        .kysely.deleteFrom(table as never)
        .execute()
  })
  afterEach(() => smtp.close())

  const alertDb = () => db().kysely.withTables<AlertTables & FollowTables>()
  const outbox = async () =>
    (await alertDb().selectFrom('alert_outbox').selectAll().orderBy('id').execute()).map((r) => ({
      ...r,
      alert: JSON.parse(r.alert) as StoredAlert,
    }))
  /**
   * The cadence's next batch, now. Its key (one a day, one a week) is freed first, so that one test
   * can run several "days" in a row while each window still starts where the last one ended.
   */
  async function batch(cadence: 'instant' | 'daily' | 'weekly') {
    for (const b of await alertDb().selectFrom('alert_batches').select(['key', 'until']).execute())
      if (!b.key.includes('@')) {
        const key = `${b.key}@${b.until}`
        await alertDb().updateTable('alert_batches').set({ key }).where('key', '=', b.key).execute()
        await alertDb().updateTable('alert_outbox').set({ batch: key }).where('batch', '=', b.key).execute()
      }
    await new Promise((r) => setTimeout(r, 2))
    return makeAlertBatch(db(), SITE, cadence, Date.now())
  }

  async function ingest(p: Partial<PaperRecord> = {}): Promise<string> {
    const id = `2612.${String(20000 + nextPaper++)}`
    const title = `Collected paper ${id}`
    await upsertPapers(db(), [
      { id, title, abstract: 'An abstract.', authors: ['Grace Hopper'], publishedAt: new Date().toISOString(), ...p },
    ])
    return id
  }
  const newVersion = async (id: string, version: number) => {
    await new Promise((r) => setTimeout(r, 5))
    const updatedAt = new Date().toISOString()
    await upsertPapers(db(), [{ id, title: `Collected paper ${id}`, authors: ['Grace Hopper'], version, updatedAt }])
  }
  async function collector(paperId: string): Promise<SignedIn> {
    const who = await signedInUser(db(), `collector${nextUser++}`)
    const now = new Date().toISOString()
    const list = await createCollection(
      db(),
      who.user.id,
      { name: 'Reading list', description: '', isPublic: false },
      now,
    )
    await addToCollection(db(), list.id, paperId, now)
    return who
  }
  async function follow(userId: number, target: string, alert: 'instant' | 'weekly'): Promise<number> {
    const now = new Date().toISOString()
    const row = await alertDb()
      .insertInto('follows')
      .values({ user_id: userId, kind: 'author', target, label: target, alert, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  it('tells a collector of a new version and of a withdrawal in the daily alert, each once', async () => {
    const paper = await ingest()
    await batch('daily') // the day the paper arrived: nothing to tell a collector
    const ada = await collector(paper)
    await newVersion(paper, 2)
    expect(await batch('instant')).toMatchObject({ alerts: 0 }) // the default is daily
    expect(await batch('daily')).toMatchObject({ changed: 1, alerts: 1, emails: 1 })
    expect(await batch('daily')).toMatchObject({ alerts: 0 })
    await markWithdrawn(db(), [paper])
    expect(await batch('daily')).toMatchObject({ alerts: 1 })
    expect(await batch('weekly')).toMatchObject({ alerts: 0 })

    const rows = await outbox()
    expect(rows.map((r) => [r.user_id, r.alert.kind, r.alert.label, r.alert.cadence])).toEqual([
      [ada.user.id, 'collected', 'Papers in your collections', 'daily'],
      [ada.user.id, 'collected', 'Papers in your collections', 'daily'],
    ])
    expect(rows.flatMap((r) => r.alert.papers)).toEqual([
      { paperId: paper, why: 'in your collection Reading list', change: { kind: 'new-version', version: 2 } },
      { paperId: paper, why: 'in your collection Reading list', change: { kind: 'withdrawn' } },
    ])
    // The standing follow is not one of the member's follows.
    expect(await listFollows(db(), ada.user.id)).toEqual([])
  })

  it('does not tell of a version arXiv dated before the paper was collected', async () => {
    const paper = await ingest()
    await batch('daily')
    await newVersion(paper, 2)
    await new Promise((r) => setTimeout(r, 5))
    await collector(paper)
    expect(await batch('daily')).toMatchObject({ changed: 1, alerts: 0 })
  })

  it('tells a change once when a follow of the member alerted about the paper: the first batch tells it', async () => {
    // An instant author follow tells first; the daily collected-papers alert then says nothing.
    const paper = await ingest()
    const ada = await collector(paper)
    await follow(ada.user.id, 'Grace Hopper', 'instant')
    expect(await batch('instant')).toMatchObject({ alerts: 1 })
    await batch('daily')
    await newVersion(paper, 2)
    expect(await batch('instant')).toMatchObject({ alerts: 1 })
    expect(await batch('daily')).toMatchObject({ changed: 1, alerts: 0 })

    // A weekly follow comes later than the daily alert: the collections tell it, the follow does not again.
    const other = await ingest()
    const bob = await collector(other)
    const weekly = await follow(bob.user.id, 'Grace Hopper', 'weekly')
    expect(await batch('weekly')).toMatchObject({ alerts: 1 })
    await batch('daily')
    await newVersion(other, 3)
    expect(await batch('daily')).toMatchObject({ alerts: 1 })
    expect(await batch('weekly')).toMatchObject({ alerts: 0 })

    const told = (await outbox()).flatMap((r) =>
      r.alert.papers.filter((p) => p.change).map((p) => [r.user_id, r.alert.kind, p.paperId, p.change]),
    )
    expect(told).toEqual([
      [ada.user.id, 'author', paper, { kind: 'new-version', version: 2 }],
      [bob.user.id, 'collected', other, { kind: 'new-version', version: 3 }],
    ])
    const byWeekly = (await outbox()).filter((r) => r.follow_id === weekly).flatMap((r) => r.alert.papers)
    expect(byWeekly.map((p) => [p.paperId, p.change ?? null])).toContainEqual([other, null])
    expect(byWeekly.filter((p) => p.change)).toEqual([])
  })

  it('follows the member’s setting on /settings/follows: off, or weekly without email', async () => {
    const app = communityApp(db(), Date.now)
    const paper = await ingest()
    await batch('daily')
    await batch('weekly')
    const ada = await collector(paper)
    const page = await app.request('/settings/follows', { headers: { cookie: ada.cookie } })
    const html = await page.text()
    expect(textOf(html)).toContain('Papers in your collections')
    expect(html).toMatch(/<option value="daily" selected="">Daily<\/option>/)
    const save = (fields: Record<string, string>) =>
      app.request('/settings/follows/collected', formPost(BASE_URL, fields, ada))
    expect((await save({ alert: 'sometimes' })).status).toBe(400)
    expect((await save({ alert: 'off', email: '1' })).status).toBe(303)

    await newVersion(paper, 2)
    expect(await batch('daily')).toMatchObject({ alerts: 0 })
    expect((await save({ alert: 'weekly' })).status).toBe(303)
    await newVersion(paper, 3)
    expect(await batch('weekly')).toMatchObject({ alerts: 1, emails: 0 })
    const again = await app.request('/settings/follows', { headers: { cookie: ada.cookie } })
    expect(await again.text()).toMatch(/<option value="weekly" selected="">Weekly<\/option>/)
  })

  it('emails the change with its reason and sends it to the member’s webhooks', async () => {
    const paper = await ingest({ title: 'A Paper Worth Keeping' })
    await batch('daily')
    const ada = await collector(paper)
    const now = new Date().toISOString()
    await createWebhook(
      db(),
      ada.user.id,
      {
        kind: 'json',
        url: 'https://hooks.example.org/in',
        matrixRoom: null,
        matrixToken: null,
        secret: 'whsec_x',
        followIds: [],
      },
      now,
    )
    await markWithdrawn(db(), [paper])
    expect(await batch('daily')).toMatchObject({ alerts: 1, emails: 1, webhooks: 1 })
    const deps = { db: db(), mailer: smtp.mailer, logger: pino({ level: 'silent' }), site: SITE, clock: Date.now }
    expect(await sendAlerts(deps)).toMatchObject({ sent: 1 })
    const mail = await smtp.nextMessageTo(ada.user.email)
    expect(mail.subject).toBe('Paperboy: 1 update · Papers in your collections')
    expect(mail.text).toContain('New versions and withdrawals: Papers in your collections')
    expect(mail.text).toContain('[withdrawn by its authors]')
    expect(mail.text).toContain('Why: in your collection Reading list')
    expect(mail.text).toContain('You get this because you keep these papers in your collections')
  })
})
