import pino from 'pino'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startInstantAlerts } from '../src/alerts/instant.js'
import { createUser } from '../src/community/accounts/store.js'
import type { FollowTables } from '../src/follows/schema.js'
import { runIngest } from '../src/ingest/pipeline.js'
import type { PaperSource } from '../src/ingest/source.js'
import type { PaperRecord } from '../src/papers/model.js'
import type { TestDb } from './support/db.js'
import { closeMailSite, startMailSite } from './support/mail-site.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, type RunningSite } from './support/site.js'
import type { SmtpSink } from './support/smtp.js'

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
 * instant alert arrives by email; the member opens its "Stop these emails" link in Chromium and
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

  it('follow → ingest → alert email → stop in one click → no more emails', { timeout: 60_000 }, async () => {
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

    await ingest('2612.00401', 'A Compiler for Mathematics')
    const mail = await smtp.nextMessageTo('ada@lab.org', 10_000)
    expect(mail.subject).toBe('Paperboy: 1 new paper · Grace Hopper')
    expect(mail.text).toContain('A Compiler for Mathematics')
    expect(mail.text).toContain('Why: author Grace Hopper')
    const stop = mail.links.find((l) => l.includes('/alerts/unsubscribe?f='))!

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
    expect(problems).toEqual([])
    expect(elsewhere).toEqual([])
    await context.close()
  })
})
