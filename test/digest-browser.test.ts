import pino from 'pino'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sendDigests } from '../src/digest/sender.js'
import { upsertPapers } from '../src/papers/upsert.js'
import type { TestDb } from './support/db.js'
import { closeMailSite, startMailSite } from './support/mail-site.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, type RunningSite } from './support/site.js'
import type { SmtpSink } from './support/smtp.js'

const run = inject('chromiumAvailable') ? describe : describe.skip
const DAY_MS = 86_400_000

/**
 * The digest's whole path as a reader lives it: subscribe from the header of a page in Chromium,
 * open the confirmation email the SMTP server caught, press its button; a digest is sent; the
 * mail client's one-click unsubscribe POSTs its List-Unsubscribe address; the next run sends nothing.
 */
run('the digest path in a browser', () => {
  let db: TestDb
  let smtp: SmtpSink
  let site: RunningSite
  let browser: Browser
  const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)
  const feature = (id: string, title: string, on: string) =>
    upsertPapers(db, [
      {
        id,
        title,
        abstract: `About ${title}.`,
        categories: ['cs.LG'],
        featuring: { featuredOn: on, source: 'hf', position: 1, submittedBy: null, submittedAt: `${on}T06:00:00.000Z` },
      },
    ])

  beforeAll(async () => {
    ;({ db, smtp, site, browser } = await startMailSite())
  })
  afterAll(() => closeMailSite({ db, smtp, site, browser }))

  it(
    'subscribes, confirms from the email, gets a digest, unsubscribes in one click, gets no more',
    { timeout: 60_000 },
    async () => {
      await feature('2612.00301', 'Yesterday’s Featured Paper', day(-1))
      const context = await browser.newContext({ baseURL: site.url })
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const page = await context.newPage()
      try {
        await page.goto('/')
        await page
          .getByRole('textbox', { name: 'Get trending papers in your email inbox' })
          .fill('reader@lab.example.org')
        await page.getByRole('button', { name: 'Subscribe' }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')
        const confirmation = await smtp.nextMessageTo('reader@lab.example.org')
        const link = confirmation.links.find((l) => l.includes('/digest/confirm'))!
        await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
        await page.getByRole('button', { name: 'Confirm my subscription' }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe('Your digest')
        expect(problems).toEqual([])
        expect(elsewhere).toEqual([])
      } finally {
        await context.close()
      }

      const deps = {
        db,
        mailer: smtp.mailer,
        logger: pino({ level: 'silent' }),
        site: { name: 'Paperboy', baseUrl: site.url },
      }
      // A weekday, so that a weekday-only daily digest goes out.
      const monday = Date.parse('2026-12-07T08:00:00.000Z')
      await feature('2612.00302', 'A Monday Paper', '2026-12-07')
      expect(await sendDigests(deps, 'daily', monday)).toMatchObject({ sent: 1 })
      const digest = await smtp.nextMessageTo('reader@lab.example.org')
      expect(digest.text).toContain('A Monday Paper')
      const list = digest.headers.get('list') as { unsubscribe: { url: string } }
      const oneClick = await fetch(list.unsubscribe.url, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(oneClick.status).toBe(200)

      await feature('2612.00303', 'A Tuesday Paper', '2026-12-08')
      expect(await sendDigests(deps, 'daily', monday + DAY_MS)).toMatchObject({ queued: 0, sent: 0 })
      expect(smtp.messagesTo('reader@lab.example.org').length).toBe(2)
    },
  )
})
