import pino from 'pino'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeAlertBatch } from '../src/alerts/batch.js'
import { sendAlerts } from '../src/alerts/sender.js'
import { signFollow } from '../src/alerts/signed-links.js'
import { createApp } from '../src/app.js'
import { createUser } from '../src/community/accounts/store.js'
import { loadConfig } from '../src/config.js'
import { signSubscriptionForMail } from '../src/digest/signed-links.js'
import { findAlertFollow } from '../src/follows/alert-follows.js'
import type { FollowTables } from '../src/follows/schema.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { siteSecret } from '../src/platform/secrets.js'
import { describeEachDatabase } from './support/db.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const BASE_URL = 'https://papers.example.org'
const SITE = { name: 'Paperboy', baseUrl: BASE_URL }
const SECRET = 'the-provider-shared-secret-0123456789'
const MAILBOX = 'unsubscribe@papers.example.org'
const logger = pino({ level: 'silent' })

/**
 * Leaving one follow's alert emails from the email itself by the mailto List-Unsubscribe, through
 * the digest's inbound-mail hook. Real SMTP server, both databases.
 */
describeEachDatabase('unsubscribing from an alert email by mail', (db) => {
  let smtp: SmtpSink
  let app: ReturnType<typeof createApp>
  let nextUser = 0

  beforeEach(async () => {
    smtp = await startSmtpSink()
    for (const table of ['alert_outbox', 'alert_sent_papers', 'alert_batches', 'follows'])
      await db()
        .kysely.deleteFrom(table as never)
        .execute()
    process.env.BOUNCE_HOOK_SECRET = SECRET
    app = createApp({ config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }), db: db(), logger, mailer: smtp.mailer })
    delete process.env.BOUNCE_HOOK_SECRET
  })
  afterEach(() => smtp.close())

  const inbound = (recipient: string) =>
    app.request(`${BASE_URL}/hooks/unsubscribe-mail`, {
      method: 'POST',
      body: JSON.stringify({ recipient }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    })

  async function memberFollowing(categories: string[]): Promise<{ email: string; follows: number[] }> {
    const n = nextUser++
    const now = new Date().toISOString()
    const email = `mailer${n}@lab.org`
    const user = await createUser(
      db(),
      { username: `mailer${n}`, displayName: `Mailer ${n}`, email, passwordHash: 'x', verifiedAt: now },
      now,
    )
    const follows: number[] = []
    for (const category of categories) {
      const row = await db()
        .kysely.withTables<FollowTables>()
        .insertInto('follows')
        .values({
          user_id: user!.id,
          kind: 'category',
          target: category,
          label: category,
          alert: 'instant',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      follows.push(row.id)
    }
    return { email, follows }
  }

  it('names an https and a mailto address; mailing the mailto stops that one follow’s emails', async () => {
    const { email, follows } = await memberFollowing(['cs.CV', 'cs.CL'])
    const [vision, language] = follows as [number, number]
    await upsertPapers(db(), [
      {
        id: '2612.30001',
        title: 'Seeing',
        abstract: 'A.',
        authors: ['A. B'],
        categories: ['cs.CV'],
        publishedAt: new Date().toISOString(),
      },
    ])
    await makeAlertBatch(db(), SITE, 'instant', Date.now() + 1)
    const deps = { db: db(), mailer: smtp.mailer, logger, site: SITE, unsubscribeMailbox: MAILBOX }
    expect(await sendAlerts(deps)).toMatchObject({ sent: 1 })
    const mail = await smtp.nextMessageTo(email)
    const header = /^List-Unsubscribe: (.*)\r\n(?![ \t])/m.exec(mail.raw.toString('latin1'))
    expect(header, 'one unfolded line').not.toBeNull()
    const [https, mailto] = header![1]!.split(', ')
    expect(https).toMatch(/^<https:\/\/papers\.example\.org\/alerts\/unsubscribe\?f=\d+\.[\w-]{22}>$/)
    expect(mailto).toMatch(/^<mailto:unsubscribe\+f\d+-[0-9a-f]{32}@papers\.example\.org\?subject=unsubscribe>$/)

    const recipient = /^<mailto:([^?]+)\?/.exec(mailto!)![1]!
    expect(await (await inbound(`Reader <${recipient.toUpperCase()}>`)).json()).toEqual({ changed: true })
    expect((await findAlertFollow(db(), vision))!.email).toBe(false)
    expect((await findAlertFollow(db(), language))!.email).toBe(true)
    expect(await (await inbound(recipient)).json()).toEqual({ changed: false })
  })

  it('stops nothing for a forged token, a web token or a digest token of the same number', async () => {
    const { follows } = await memberFollowing(['cs.LG'])
    const id = follows[0]!
    const forged = `unsubscribe+f${id}-${'0'.repeat(32)}@papers.example.org`
    const web = `unsubscribe+${signFollow(await siteSecret(db(), 'alert-links'), id)}@papers.example.org`
    const digest = `unsubscribe+${signSubscriptionForMail(await siteSecret(db(), 'digest-links'), id)}@papers.example.org`
    for (const recipient of [forged, web, digest]) {
      const res = await inbound(recipient)
      expect([200, 400]).toContain(res.status)
      if (res.status === 200) expect(await res.json()).toEqual({ changed: false })
    }
    expect((await findAlertFollow(db(), id))!.email).toBe(true)
  })
})
