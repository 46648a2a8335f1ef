import pino from 'pino'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startInstantAlerts } from '../src/alerts/instant.js'
import { createUser } from '../src/community/accounts/store.js'
import { isValidSignature, newSigningSecret } from '../src/webhooks/signing.js'
import { createWebhook } from '../src/webhooks/store.js'
import { deliverDue } from '../src/webhooks/worker.js'
import type { FollowTables } from '../src/follows/schema.js'
import { runIngest } from '../src/ingest/pipeline.js'
import type { PaperSource } from '../src/ingest/source.js'
import type { PaperRecord } from '../src/papers/model.js'
import type { TestDb } from './support/db.js'
import { closeMailSite, startMailSite } from './support/mail-site.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, type RunningSite } from './support/site.js'
import type { SmtpSink } from './support/smtp.js'
import { startReceiver } from './support/webhook-receiver.js'

const run = inject('chromiumAvailable') ? describe : describe.skip

/** An ingest source that hands over the records it was given, as one batch. */
const sourceOf = (records: PaperRecord[]): PaperSource => ({
  name: 'arxiv-api',
  scope: () => 'test',
  async *batches() {
    yield { records }
  },
})

/**
 * An alert's whole path: a member follows an author; an ingest run stores a paper of theirs; the
 * instant alert arrives by email and, signed, at the member's JSON webhook; the member opens its "Stop these emails" link in Chromium and
 * presses the button; the next paper of that author sends no email.
 */
run('the alert path in a browser', () => {
  let db: TestDb
  let smtp: SmtpSink
  let site: RunningSite
  let browser: Browser
  let instant: ReturnType<typeof startInstantAlerts>

  beforeAll(async () => {
    ;({ db, smtp, site, browser } = await startMailSite())
    instant = startInstantAlerts({
      db,
      mailer: smtp.mailer,
      logger: pino({ level: 'silent' }),
      site: { name: 'Paperboy', baseUrl: site.url },
    })
  })
  afterAll(async () => {
    instant?.stop()
    await instant?.idle()
    await closeMailSite({ db, smtp, site, browser })
  })

  const ingest = (id: string, title: string) =>
    runIngest(
      db,
      sourceOf([
        {
          id,
          title,
          abstract: `About ${title}.`,
          authors: ['Grace Hopper', 'Ada Lovelace'],
          categories: ['cs.PL'],
          publishedAt: new Date().toISOString(),
        },
      ]),
      {},
      { trigger: 'manual', feature: false },
    )

  it(
    'follow → ingest → alert email and webhook → stop in one click → no more emails',
    { timeout: 60_000 },
    async () => {
      const now = new Date().toISOString()
      const user = await createUser(
        db,
        { username: 'ada', displayName: 'Ada', email: 'ada@lab.org', passwordHash: 'x', verifiedAt: now },
        now,
      )
      await db.kysely
        .withTables<FollowTables>()
        .insertInto('follows')
        .values({
          user_id: user!.id,
          kind: 'author',
          target: 'Grace Hopper',
          label: 'Grace Hopper',
          alert: 'instant',
          created_at: now,
          updated_at: now,
        })
        .execute()
      const receiver = await startReceiver({ status: 200 })
      const secret = newSigningSecret()
      await createWebhook(
        db,
        user!.id,
        { kind: 'json', url: receiver.url, matrixRoom: null, matrixToken: null, secret, followIds: [] },
        now,
      )

      await ingest('2612.00401', 'A Compiler for Mathematics')
      const mail = await smtp.nextMessageTo('ada@lab.org', 10_000)
      expect(mail.subject).toBe('Paperboy: 1 new paper · Grace Hopper')
      expect(mail.text).toContain('A Compiler for Mathematics')
      expect(mail.text).toContain('Why: author Grace Hopper')
      const stop = mail.links.find((l) => l.includes('/alerts/unsubscribe?f='))!
      await instant.idle()
      const webhookDeps = {
        db,
        mailer: smtp.mailer,
        logger: pino({ level: 'silent' }),
        site: { name: 'Paperboy', baseUrl: site.url },
        allowPrivate: true, // the receiver listens on 127.0.0.1
      }
      expect(await deliverDue(webhookDeps)).toMatchObject({ delivered: 1 })
      const [hook] = await receiver.waitFor(1)
      const signature = String(hook!.headers['x-paperboy-signature'])
      expect(isValidSignature(secret, Number(hook!.headers['x-paperboy-timestamp']), hook!.body, signature)).toBe(true)
      const body = JSON.parse(hook!.body) as { type: string; papers: { id: string; title: string }[] }
      expect(body.type).toBe('paperboy.alert')
      expect(body.papers.map((p) => p.title)).toEqual(['A Compiler for Mathematics'])

      const context = await browser.newContext()
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const page = await context.newPage()
      await page.goto(stop)
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Stop alert emails')
      await page.getByRole('button', { name: 'Stop these emails' }).click()
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Alert emails stopped')
      expect(await page.textContent('main')).toContain('Grace Hopper')

      await ingest('2612.00402', 'A Second Compiler')
      await instant.idle()
      expect(smtp.messagesTo('ada@lab.org').length).toBe(1)
      // Stopping the emails stops only the emails: the webhook carries the next paper.
      await deliverDue(webhookDeps)
      expect((await receiver.waitFor(2)).length).toBe(2)
      await receiver.close()
      expect(problems).toEqual([])
      expect(elsewhere).toEqual([])
      await context.close()
    },
  )
})
